package io.mcphub.gateway.auth;

import io.mcphub.gateway.tools.Sha256;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks JWT access tokens (RFC 9068) as an OAuth 2.1 resource server: the header's {@code alg} must be an accepted
 * asymmetric algorithm (never {@code none} or HS*), the signature a key of the issuer's JWKS, {@code iss} the issuer,
 * {@code aud} the hub's audience (RFC 8707), {@code exp} (required), {@code nbf} and {@code iat} within the clock skew,
 * {@code sub} present, and every required scope granted.
 */
public final class JwtVerifier {

  /**
   * Header {@code typ} values of an access token: RFC 9068's {@code at+jwt} (also as a media type) and the plain
   * {@code JWT} most issuers send; anything else (an ID token, a logout token) is refused. Absent is accepted.
   */
  private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");

  /** Bytes of the SHA-256 digest naming a subject as a session owner. */
  private static final int PRINCIPAL_BYTES = 16;

  private final OAuthOptions options;
  private final JwksCache jwks;

  private JwtVerifier(OAuthOptions options, JwksCache jwks) {
    this.options = options;
    this.jwks = jwks;
  }

  public static JwtVerifier create(Vertx vertx, OAuthOptions options) {
    return new JwtVerifier(options, new JwksCache(vertx, options));
  }

  /**
   * Fetches the issuer's keys ahead of the first token, so that a wrong {@code jwksUri} or an unreachable issuer shows
   * in the log at start (the fetch logs its failure). Never fails: the hub starts either way and fails closed.
   */
  public Future<Void> start() {
    return jwks.keysFor(null).<Void>mapEmpty().otherwiseEmpty();
  }

  public OAuthOptions options() {
    return options;
  }

  /** The token's principal, scopes and grant, or a failed future with {@link TokenRejected}. */
  public Future<VerifiedToken> verify(String token) {
    JsonObject header;
    try {
      header = header(token);
    } catch (TokenRejected rejected) {
      return Future.failedFuture(rejected);
    }
    String kid = header.getValue("kid") instanceof String id ? id : null;
    return jwks.keysFor(kid)
        .compose(keys -> authenticate(keys, token))
        .compose(this::accept);
  }

  private Future<User> authenticate(JwksCache.Keys keys, String token) {
    try {
      return keys.provider().authenticate(new TokenCredentials(token))
          .recover(error -> Future.failedFuture(TokenRejected.invalid(reason(error))));
    } catch (RuntimeException e) {
      return Future.failedFuture(TokenRejected.invalid("the token's claims are malformed"));
    }
  }

  public Future<Void> close() {
    return jwks.close();
  }

  private JsonObject header(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw TokenRejected.invalid("the token is not a JWT (three dot-separated parts)");
    }
    JsonObject header;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw TokenRejected.invalid("the token's header is not Base64url-encoded JSON");
    }
    refuseMalformedClaims(parts[1]);
    Object typ = header.getValue("typ");
    if (typ != null && !(typ instanceof String type && ACCESS_TOKEN_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT)))) {
      throw TokenRejected.invalid("the token is not an access token (typ " + typ + "; accepted: at+jwt, JWT)");
    }
    Object alg = header.getValue("alg");
    if (!(alg instanceof String name) || !options.algorithms().contains(name)) {
      throw TokenRejected.invalid("the token is signed with " + (alg instanceof String ? "\"" + alg + "\"" : "no algorithm")
          + "; accepted: " + String.join(", ", options.algorithms()));
    }
    return header;
  }

  /** The time claims must be numbers and {@code exp} present before the JWT library reads them. */
  private static void refuseMalformedClaims(String payload) {
    JsonObject claims;
    try {
      claims = new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw TokenRejected.invalid("the token's claims are not Base64url-encoded JSON");
    }
    if (!(claims.getValue("exp") instanceof Number)) {
      throw TokenRejected.invalid("the token has no numeric exp (expiry) claim");
    }
    if ("ID".equals(claims.getValue("typ"))) {
      throw TokenRejected.invalid("the token is an ID token, not an access token");
    }
    for (String claim : new String[] {"nbf", "iat"}) {
      if (claims.containsKey(claim) && !(claims.getValue(claim) instanceof Number)) {
        throw TokenRejected.invalid("the token's " + claim + " claim is not a number");
      }
    }
  }

  private Future<VerifiedToken> accept(User user) {
    // exp is known to be numeric here: refuseMalformedClaims checked it before the signature
    JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
    if (!(claims.getValue("sub") instanceof String subject) || subject.isEmpty()) {
      return Future.failedFuture(TokenRejected.invalid("the token has no sub (subject) claim"));
    }
    Set<String> scopes = scopes(claims);
    List<String> missing = options.requiredScopes().stream().filter(scope -> !scopes.contains(scope)).toList();
    if (!missing.isEmpty()) {
      return Future.failedFuture(TokenRejected.insufficientScope(String.join(" ", options.requiredScopes()),
          "the token lacks the scope " + String.join(", ", missing)));
    }
    String principal = "oauth:" + Sha256.hex(options.issuer() + "\n" + subject, PRINCIPAL_BYTES);
    return Future.succeededFuture(new VerifiedToken(principal, scopes, options.grant(scopes)));
  }

  /** The scopes of {@code scope} (space-separated, RFC 9068) or {@code scp} (a list or a string, as some issuers send). */
  static Set<String> scopes(JsonObject claims) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String claim : new String[] {"scope", "scp"}) {
      Object value = claims.getValue(claim);
      if (value instanceof String text) {
        scopes.addAll(List.of(text.strip().split("\\s+")));
      } else if (value instanceof JsonArray list) {
        list.forEach(item -> {
          if (item instanceof String text) {
            scopes.add(text);
          }
        });
      }
    }
    scopes.remove("");
    return scopes;
  }

  /** What the JWT library said, as a message for the client (it names claims, never the token). */
  private String reason(Throwable error) {
    String message = String.valueOf(error.getMessage());
    if (message.contains("expired")) {
      return "the token has expired (or is not valid yet)";
    }
    if (message.contains("audien")) {
      return "the token's audience (aud) is not this hub (" + options.audience() + ")";
    }
    if (message.contains("issuer")) {
      return "the token's issuer (iss) is not " + options.issuer();
    }
    return "the token's signature or claims are not valid";
  }
}
