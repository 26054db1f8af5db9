package io.mcphub.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth authorization server as a resource server sees it, on loopback: a JWK Set at {@code /jwks} (RFC 7517) of
 * RSA keys generated here, and RS256 access tokens signed with them (RFC 7515 compact form). Counts JWKS fetches; a key
 * can be added (rotation) or the server stopped (issuer unreachable).
 */
public final class LocalIssuer implements AutoCloseable {

  public static final String ISSUER = "https://issuer.test";

  private final Vertx vertx;
  private final Map<String, KeyPair> keys = new LinkedHashMap<>();
  private final Map<String, KeyPair> unpublished = new LinkedHashMap<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private final HttpServer server;

  private LocalIssuer(Vertx vertx) {
    this.vertx = vertx;
    addKey("k1");
    this.server = TestHub.await(vertx.createHttpServer().requestHandler(request -> {
      if ("/jwks".equals(request.path())) {
        fetches.incrementAndGet();
        request.response().putHeader("Content-Type", "application/json").end(jwks().encode());
      } else {
        request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1"));
  }

  public static LocalIssuer start() {
    return new LocalIssuer(Vertx.vertx());
  }

  public String jwksUri() {
    return "http://127.0.0.1:" + server.actualPort() + "/jwks";
  }

  public int fetches() {
    return fetches.get();
  }

  /** Publishes a new key {@code kid} (the next fetch serves it). */
  public synchronized void addKey(String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys.put(kid, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a valid token for {@code audience}: this issuer, subject {@code subject}, an hour to live. */
  public static JsonObject claims(String subject, String audience, String scope) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("iss", ISSUER).put("sub", subject).put("aud", audience).put("iat", now)
        .put("exp", now + 3600).put("scope", scope);
  }

  /** {@code claims} signed with RS256 by key {@code kid} (which need not be published). */
  public synchronized String sign(String kid, JsonObject claims) {
    KeyPair pair = keys.containsKey(kid) ? keys.get(kid) : unpublished.get(kid);
    if (pair == null) {
      throw new IllegalArgumentException("no key " + kid);
    }
    String input = encode(new JsonObject().put("alg", "RS256").put("typ", "at+jwt").put("kid", kid)) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(pair.getPrivate());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token whose header says {@code header} and whose signature part is {@code signature} (for refused algorithms). */
  public static String unsigned(JsonObject header, JsonObject claims, String signature) {
    return encode(header) + "." + encode(claims) + "." + signature;
  }

  /** A key pair the issuer knows but does not publish: tokens signed with it name an unknown kid until added. */
  public synchronized void addUnpublishedKey(String kid) {
    addKey(kid);
    unpublished.put(kid, keys.remove(kid));
  }

  /** Publishes a key added by {@link #addUnpublishedKey}. */
  public synchronized void publish(String kid) {
    keys.put(kid, unpublished.remove(kid));
  }

  private synchronized JsonObject jwks() {
    JsonArray published = new JsonArray();
    keys.forEach((kid, pair) -> {
      RSAPublicKey key = (RSAPublicKey) pair.getPublic();
      published.add(new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
          .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent())));
    });
    return new JsonObject().put("keys", published);
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
  }

  private static String encode(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    TestHub.await(vertx.close());
  }
}
