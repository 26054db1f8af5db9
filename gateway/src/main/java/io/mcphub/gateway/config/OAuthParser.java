package io.mcphub.gateway.config;

import io.mcphub.gateway.auth.OAuthOptions;
import io.mcphub.gateway.session.Grant;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code hub.auth.oauth} into {@link OAuthOptions}; absent means no OAuth. */
final class OAuthParser {

  /** Every key {@code hub.auth.oauth} knows (for the unknown-key check). */
  static final Set<String> KEYS = Set.of("issuer", "jwksUri", "audience", "resource", "algorithms", "requiredScopes",
      "scopes", "adminScope", "clockSkewSeconds", "jwksRefreshIntervalMs", "jwksMinRefetchIntervalMs", "jwksTimeoutMs");
  /** Every key one entry of {@code hub.auth.oauth.scopes} knows. */
  static final Set<String> SCOPE_KEYS = Set.of("servers", "categories");
  /** Stands for every server in a scope's {@code servers}. */
  static final String EVERY_SERVER = "*";

  private OAuthParser() {
  }

  static OAuthOptions parse(FieldReader auth) {
    JsonObject section = auth.object("oauth");
    if (section == null) {
      return null;
    }
    FieldReader oauth = new FieldReader(section, auth.path("oauth"), auth.problems());
    String issuer = required(oauth, "issuer", false);
    String jwksUri = required(oauth, "jwksUri", true);
    String audience = required(oauth, "audience", false);
    String resource = oauth.string("resource", audience);
    if (resource != null && !ConfigParser.isHttpUrl(resource)) {
      oauth.problem(oauth.has("resource") ? "resource" : "audience", "got " + FieldReader.describe(resource)
          + ", expected the hub's resource URL (http:// or https://), e.g. https://hub.example.com/mcp"
          + (oauth.has("resource") ? "" : "; set \"resource\" when the audience is not a URL"));
    }
    return new OAuthOptions(issuer, jwksUri, audience, resource, algorithms(oauth), oauth.strings("requiredScopes"),
        scopes(oauth), oauth.string("adminScope", null),
        oauth.longInRange("clockSkewSeconds", OAuthOptions.DEFAULT_CLOCK_SKEW_SECONDS, 0, 600),
        oauth.longInRange("jwksRefreshIntervalMs", OAuthOptions.DEFAULT_JWKS_REFRESH_INTERVAL_MS, 10_000, 7L * 24 * 3_600_000),
        oauth.longInRange("jwksMinRefetchIntervalMs", OAuthOptions.DEFAULT_JWKS_MIN_REFETCH_INTERVAL_MS, 0, 3_600_000),
        oauth.longInRange("jwksTimeoutMs", OAuthOptions.DEFAULT_JWKS_TIMEOUT_MS, 100, 60_000));
  }

  private static String required(FieldReader oauth, String field, boolean url) {
    String value = oauth.string(field, null);
    if (value == null || value.isBlank()) {
      oauth.problem(field, "is required with hub.auth.oauth");
    } else if (url && !ConfigParser.isHttpUrl(value)) {
      oauth.problem(field, "got " + FieldReader.describe(value) + ", expected an http:// or https:// URL");
    }
    return value;
  }

  private static List<String> algorithms(FieldReader oauth) {
    if (!oauth.has("algorithms")) {
      return OAuthOptions.DEFAULT_ALGORITHMS;
    }
    List<String> algorithms = oauth.strings("algorithms");
    for (int i = 0; i < algorithms.size(); i++) {
      if (!OAuthOptions.SUPPORTED_ALGORITHMS.contains(algorithms.get(i))) {
        oauth.problem("algorithms[" + i + "]", "got " + FieldReader.describe(algorithms.get(i)) + ", expected one of "
            + new java.util.TreeSet<>(OAuthOptions.SUPPORTED_ALGORITHMS) + " (none and HS* are never accepted)");
      }
    }
    if (algorithms.isEmpty()) {
      oauth.problem("algorithms", "is empty; leave it out for " + OAuthOptions.DEFAULT_ALGORITHMS);
    }
    return algorithms;
  }

  /** {@code "scopes": {"github:read": {"servers": ["github"], "categories": ["version-control"]}}}. */
  private static Map<String, Grant> scopes(FieldReader oauth) {
    JsonObject section = oauth.object("scopes");
    Map<String, Grant> scopes = new LinkedHashMap<>();
    if (section == null) {
      return scopes;
    }
    for (String scope : section.fieldNames()) {
      String path = oauth.path("scopes") + "." + scope;
      if (!(section.getValue(scope) instanceof JsonObject entry)) {
        oauth.problems().add(path + ": got " + FieldReader.describe(section.getValue(scope))
            + ", expected an object with \"servers\" and/or \"categories\"");
        continue;
      }
      FieldReader grant = new FieldReader(entry, path, oauth.problems());
      List<String> servers = grant.strings("servers");
      List<String> categories = grant.strings("categories");
      if (servers.isEmpty() && categories.isEmpty()) {
        grant.problem("", "grants nothing; list \"servers\" (\"*\" for all) and/or \"categories\"");
      }
      scopes.put(scope, new Grant(servers.contains(EVERY_SERVER), Set.copyOf(servers), Set.copyOf(categories)));
    }
    return scopes;
  }
}
