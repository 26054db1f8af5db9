package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Bearer-token authentication ({@code hub.auth.tokens}): a request without one of the tokens gets 401 with
 * {@code WWW-Authenticate: Bearer}. Tokens are compared in constant time and never logged.
 */
final class BearerAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "Bearer ";

  private final List<byte[]> tokens;

  BearerAuth(List<String> tokens) {
    this.tokens = tokens.stream().map(token -> token.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && matches(header.substring(PREFIX.length()).strip())) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"mcp-hub\"");
    HttpErrors.send(ctx.response(), 401, JsonRpc.INVALID_REQUEST,
        header == null ? "Unauthorized: send Authorization: Bearer <token>" : "Unauthorized: the token is not valid");
  }

  private boolean matches(String presented) {
    byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] token : tokens) {
      match |= MessageDigest.isEqual(candidate, token);
    }
    return match;
  }
}
