package io.mcphub.gateway.auth;

import io.mcphub.gateway.session.Grant;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code hub.auth.oauth}: the hub as an OAuth 2.1 resource server
 * (<a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization">MCP authorization</a>). It
 * accepts JWT access tokens signed by a key of the issuer's JWKS, issued by {@code issuer} for {@code audience} (RFC
 * 8707), and publishes its RFC 9728 metadata.
 *
 * @param issuer the authorization server's issuer; tokens must carry it as {@code iss}
 * @param jwksUri where the issuer publishes its signing keys (a JWK Set)
 * @param audience what tokens must carry in {@code aud}: the hub's resource URL
 * @param resource the resource URL the metadata names ({@code audience} unless set); an http(s) URL
 * @param algorithms signature algorithms accepted (asymmetric only)
 * @param requiredScopes scopes every token must carry; a token without one is answered 403 insufficient_scope
 * @param scopes what each scope grants (servers, categories); empty: every valid token may use every tool
 * @param adminScope the scope that opens the admin API ({@code /api/*}) to a token; null: static tokens only
 * @param clockSkewSeconds tolerance on {@code exp}, {@code nbf} and {@code iat}
 * @param jwksRefreshIntervalMs how long fetched keys are used before they are fetched again
 * @param jwksMinRefetchIntervalMs the least time between two fetches for an unknown {@code kid} (rate limit)
 * @param jwksTimeoutMs how long a JWKS fetch may take
 */
public record OAuthOptions(
    String issuer,
    String jwksUri,
    String audience,
    String resource,
    List<String> algorithms,
    List<String> requiredScopes,
    Map<String, Grant> scopes,
    String adminScope,
    long clockSkewSeconds,
    long jwksRefreshIntervalMs,
    long jwksMinRefetchIntervalMs,
    long jwksTimeoutMs) {

  public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "ES256");
  /** Asymmetric algorithms a JWKS key may sign with; {@code none} and the shared-secret HS* never are. */
  public static final Set<String> SUPPORTED_ALGORITHMS =
      Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
  public static final long DEFAULT_CLOCK_SKEW_SECONDS = 60;
  public static final long DEFAULT_JWKS_REFRESH_INTERVAL_MS = 60 * 60_000;
  public static final long DEFAULT_JWKS_MIN_REFETCH_INTERVAL_MS = 30_000;
  public static final long DEFAULT_JWKS_TIMEOUT_MS = 5_000;
  /** The well-known path of RFC 9728 metadata; the resource's path is appended to it. */
  public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

  public OAuthOptions {
    algorithms = List.copyOf(algorithms);
    requiredScopes = List.copyOf(requiredScopes);
    scopes = Map.copyOf(scopes);
  }

  /** What a token carrying {@code granted} scopes may use: the union of their grants (everything without a mapping). */
  public Grant grant(Collection<String> granted) {
    if (scopes.isEmpty()) {
      return Grant.ALL;
    }
    Set<String> servers = new LinkedHashSet<>();
    Set<String> categories = new LinkedHashSet<>();
    for (String scope : granted) {
      Grant grant = scopes.get(scope);
      if (grant != null && grant.everything()) {
        return Grant.ALL;
      }
      if (grant != null) {
        servers.addAll(grant.servers());
        categories.addAll(grant.categories());
      }
    }
    return servers.isEmpty() && categories.isEmpty() ? Grant.NONE : new Grant(false, servers, categories);
  }

  /** The scopes the metadata lists: the required ones, the mapped ones and the admin scope. */
  public List<String> scopesSupported() {
    Set<String> all = new LinkedHashSet<>(requiredScopes);
    all.addAll(new java.util.TreeSet<>(scopes.keySet()));
    if (adminScope != null) {
      all.add(adminScope);
    }
    return List.copyOf(all);
  }

  /**
   * Where the metadata of {@code resource} is published: the well-known path inserted between the host and the
   * resource's path (RFC 9728 §3.1), e.g. {@code https://hub.example/.well-known/oauth-protected-resource/mcp}.
   */
  public String metadataUrl() {
    URI uri = URI.create(resource);
    String path = uri.getRawPath() == null || "/".equals(uri.getRawPath()) ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getRawAuthority() + METADATA_PATH + path;
  }
}
