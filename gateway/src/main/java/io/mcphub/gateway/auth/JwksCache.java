package io.mcphub.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys, fetched with the web client (never blocking an event loop), kept for
 * {@code jwksRefreshIntervalMs}, fetched again for an unknown {@code kid} at most once per
 * {@code jwksMinRefetchIntervalMs}. One fetch at a time: concurrent requests share it. Only asymmetric signing keys of
 * an accepted algorithm are kept; a key set with none of them counts as a failed fetch. Confined to one context.
 */
final class JwksCache {

  /** A JWK Set larger than this is refused (a few dozen keys take a few KiB). */
  static final int MAX_JWKS_BYTES = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

  /** Keys as a provider that checks signatures, issuer, audience and time, and the key ids it knows. */
  record Keys(JWTAuth provider, Set<String> kids, boolean withoutKid) {
  }

  private final Vertx vertx;
  private final OAuthOptions options;
  private final WebClient client;
  private Keys keys;
  private long fetchedAt;
  private long lastAttempt = Long.MIN_VALUE / 2;
  private Future<Keys> fetching;

  JwksCache(Vertx vertx, OAuthOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.client = WebClient.create(vertx);
  }

  /**
   * Keys that can check a token signed with {@code kid} (null: the token names none); fails with {@link TokenRejected}.
   * Fetches when the keys are older than the refresh interval or do not hold {@code kid}, at most once per
   * {@code jwksMinRefetchIntervalMs}; in between, the keys at hand answer (or 503 while there are none).
   */
  Future<Keys> keysFor(String kid) {
    long now = System.currentTimeMillis();
    if (keys != null && knows(keys, kid)) {
      // stale keys keep answering while a refresh runs in the background: no request waits on the issuer
      if (now - fetchedAt >= options.jwksRefreshIntervalMs() && fetching == null
          && now - lastAttempt >= options.jwksMinRefetchIntervalMs()) {
        fetch();
      }
      return Future.succeededFuture(keys);
    }
    if (fetching == null && now - lastAttempt < options.jwksMinRefetchIntervalMs()) {
      // known keys that hold kid answered above
      return keys == null ? Future.failedFuture(unavailable()) : unknownKid(kid);
    }
    return fetch().compose(fresh -> knows(fresh, kid) ? Future.succeededFuture(fresh) : unknownKid(kid));
  }

  Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  private static boolean knows(Keys keys, String kid) {
    return kid == null ? keys.withoutKid() || !keys.kids().isEmpty() : keys.kids().contains(kid);
  }

  private Future<Keys> unknownKid(String kid) {
    return Future.failedFuture(TokenRejected.invalid("the token is signed with key \"" + kid
        + "\", which the issuer's key set does not hold"));
  }

  private static TokenRejected unavailable() {
    return TokenRejected.unavailable("the authorization server's signing keys are unavailable; try again later");
  }

  /** Fetches the key set (or joins the fetch under way); with stale keys at hand a failed fetch keeps them. */
  private Future<Keys> fetch() {
    if (fetching != null) {
      return fetching;
    }
    lastAttempt = System.currentTimeMillis();
    Keys stale = keys;
    // the request's own timeout bounds each wait for a byte; this bounds the whole fetch (a slow-dripping issuer)
    Future<Keys> attempt = client.getAbs(options.jwksUri()).timeout(options.jwksTimeoutMs()).send()
        .timeout(options.jwksTimeoutMs(), TimeUnit.MILLISECONDS)
        .compose(this::parse)
        .onSuccess(fresh -> {
          keys = fresh;
          fetchedAt = System.currentTimeMillis();
        })
        .recover(error -> {
          String reason = String.valueOf(error.getMessage());
          if (stale != null) {
            LOG.warn("OAuth: fetching the JWKS {} failed ({}); keeping the {} keys fetched before", options.jwksUri(), reason,
                stale.kids().size());
            return Future.succeededFuture(stale);
          }
          LOG.warn("OAuth: fetching the JWKS {} failed ({}); requests with OAuth tokens are refused (503) until it answers",
              options.jwksUri(), reason);
          return Future.failedFuture(unavailable());
        });
    fetching = attempt;
    attempt.onComplete(done -> {
      if (fetching == attempt) {
        fetching = null;
      }
    });
    return attempt;
  }

  private Future<Keys> parse(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      return Future.failedFuture("HTTP " + response.statusCode());
    }
    Buffer body = response.body();
    if (body == null || body.length() > MAX_JWKS_BYTES) {
      return Future.failedFuture(body == null ? "an empty body" : "a body over " + MAX_JWKS_BYTES + " bytes");
    }
    JsonArray published;
    try {
      published = new JsonObject(body).getJsonArray("keys");
    } catch (RuntimeException e) {
      return Future.failedFuture("not a JWK Set (a JSON object with \"keys\")");
    }
    if (published == null) {
      return Future.failedFuture("not a JWK Set (a JSON object with \"keys\")");
    }
    return build(published);
  }

  private Future<Keys> build(JsonArray published) {
    JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(new JWTOptions()
        .setIssuer(options.issuer())
        .setAudience(List.of(options.audience()))
        .setLeeway((int) options.clockSkewSeconds()));
    Set<String> kids = new HashSet<>();
    boolean withoutKid = false;
    List<JsonObject> usable = new ArrayList<>();
    for (Object entry : published) {
      JsonObject key = entry instanceof JsonObject jwk ? signingKey(jwk) : null;
      if (key != null) {
        usable.add(key);
        withoutKid |= !(key.getValue("kid") instanceof String);
        if (key.getValue("kid") instanceof String kid) {
          kids.add(kid);
        }
      }
    }
    if (usable.isEmpty()) {
      return Future.failedFuture("the key set holds no " + options.algorithms() + " signing key");
    }
    usable.forEach(auth::addJwk);
    try {
      return Future.succeededFuture(new Keys(JWTAuth.create(vertx, auth), Set.copyOf(kids), withoutKid));
    } catch (RuntimeException e) {
      return Future.failedFuture("a key could not be loaded: " + e.getMessage());
    }
  }

  /** The key with its algorithm made explicit, if it is an RSA or EC signing key of an accepted algorithm; else null. */
  private JsonObject signingKey(JsonObject jwk) {
    if (jwk.getValue("use") != null && !"sig".equals(jwk.getValue("use"))) {
      return null;
    }
    Object kty = jwk.getValue("kty");
    String alg = jwk.getValue("alg") instanceof String given ? given
        : "RSA".equals(kty) ? "RS256"
        : "EC".equals(kty) ? ecAlgorithm(jwk.getValue("crv")) : null;
    boolean asymmetric = "RSA".equals(kty) && (alg != null && (alg.startsWith("RS") || alg.startsWith("PS")))
        || "EC".equals(kty) && alg != null && alg.startsWith("ES");
    if (!asymmetric || !options.algorithms().contains(alg)) {
      return null;
    }
    return jwk.copy().put("alg", alg);
  }

  private static String ecAlgorithm(Object curve) {
    return "P-256".equals(curve) ? "ES256" : "P-384".equals(curve) ? "ES384" : "P-521".equals(curve) ? "ES512" : null;
  }
}
