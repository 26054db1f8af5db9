package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Bearer-token authentication ({@code hub.auth.tokens}): a request without one of the tokens gets 401 with
 * {@code WWW-Authenticate: Bearer}. Tokens are kept only as SHA-256 digests, compared in constant time and never
 * logged. A request that passes carries its principal — the hex digest of the token it presented — which its
 * sessions are bound to ({@link #principal}).
 */
final class BearerAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "Bearer ";
  private static final String PRINCIPAL = "mcp-hub.principal";

  private final List<byte[]> digests;

  BearerAuth(List<String> tokens) {
    this.digests = tokens.stream().map(BearerAuth::digest).toList();
  }

  /** The principal a request authenticated as; null when the hub has no auth. */
  static String principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    byte[] matched = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        ? match(header.substring(PREFIX.length()).strip()) : null;
    if (matched != null) {
      ctx.put(PRINCIPAL, HexFormat.of().formatHex(matched));
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"mcp-hub\"");
    HttpErrors.send(ctx.response(), 401, JsonRpc.INVALID_REQUEST,
        header == null ? "Unauthorized: send Authorization: Bearer <token>" : "Unauthorized: the token is not valid");
  }

  /** The digest of the configured token {@code presented} is, or null; every digest is compared. */
  private byte[] match(String presented) {
    byte[] candidate = digest(presented);
    byte[] matched = null;
    for (byte[] known : digests) {
      if (MessageDigest.isEqual(candidate, known)) {
        matched = known;
      }
    }
    return matched;
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
