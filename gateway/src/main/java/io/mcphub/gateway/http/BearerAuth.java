package io.mcphub.gateway.http;

import io.mcphub.gateway.auth.JwtVerifier;
import io.mcphub.gateway.auth.TokenRejected;
import io.mcphub.gateway.auth.VerifiedToken;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.session.Grant;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication: static tokens ({@code hub.auth.tokens}) and, with {@code hub.auth.oauth}, JWT access
 * tokens of the authorization server (<a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization">MCP
 * authorization</a>). Static tokens are kept only as SHA-256 digests, compared in constant time and never logged; a
 * request presenting one is granted every tool. An OAuth token is checked by {@link JwtVerifier}; its scopes become the
 * request's {@link Grant}. A request that passes carries its principal (the static token's digest, or a digest of the
 * token's issuer and subject), which its sessions are bound to ({@link #principal}). Refusals follow RFC 6750 §3: 401
 * with {@code WWW-Authenticate: Bearer}, naming the RFC 9728 metadata ({@code resource_metadata}) when OAuth is on,
 * {@code error="invalid_token"} for a token that fails, 403 {@code insufficient_scope} with the {@code scope} needed.
 * The client's token is never passed on: upstream requests carry only the headers their server's config names.
 */
final class BearerAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "Bearer ";
  private static final String PRINCIPAL = "mcp-hub.principal";
  private static final String GRANT = "mcp-hub.grant";
  private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);

  private final List<byte[]> digests;
  private final JwtVerifier oauth;
  private final boolean admin;

  /**
   * @param oauth the OAuth token check, or null without {@code hub.auth.oauth}
   * @param admin whether this guards the admin API: an OAuth token then needs the {@code adminScope}
   */
  BearerAuth(List<String> tokens, JwtVerifier oauth, boolean admin) {
    this.digests = tokens.stream().map(BearerAuth::digest).toList();
    this.oauth = oauth;
    this.admin = admin;
  }

  /** The principal a request authenticated as; null when the hub has no auth. */
  static String principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  /** The tools the request's credentials allow: everything but for an OAuth token whose scopes limit it. */
  static Grant grant(RoutingContext ctx) {
    Grant grant = ctx.get(GRANT);
    return grant == null ? Grant.ALL : grant;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String presented = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        ? header.substring(PREFIX.length()).strip() : null;
    byte[] matched = presented == null ? null : match(presented);
    if (matched != null) {
      ctx.put(PRINCIPAL, HexFormat.of().formatHex(matched));
      ctx.next();
      return;
    }
    if (presented == null || presented.isEmpty()) {
      challenge(ctx, header == null ? "Unauthorized: send Authorization: Bearer <token>"
          : "Unauthorized: the Authorization header is not \"Bearer <token>\"");
      return;
    }
    if (oauth == null) {
      challenge(ctx, "Unauthorized: the token is not valid");
      return;
    }
    ctx.request().pause();
    oauth.verify(presented).onComplete(verified -> {
      ctx.request().resume();
      if (verified.succeeded()) {
        admit(ctx, verified.result());
      } else {
        refuse(ctx, verified.cause());
      }
    });
  }

  private void admit(RoutingContext ctx, VerifiedToken token) {
    String adminScope = oauth.options().adminScope();
    if (admin && (adminScope == null || !token.scopes().contains(adminScope))) {
      refuse(ctx, adminScope == null
          ? new AdminRefused("Forbidden: the admin API takes a static token (hub.auth.tokens), or an OAuth token once"
              + " hub.auth.oauth.adminScope is set")
          : new AdminRefused("Forbidden: the admin API needs the scope " + adminScope));
      return;
    }
    ctx.put(PRINCIPAL, token.principal());
    ctx.put(GRANT, token.grant());
    ctx.next();
  }

  private void refuse(RoutingContext ctx, Throwable cause) {
    if (cause instanceof AdminRefused refused) {
      String scope = oauth.options().adminScope();
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\""
          + (scope == null ? "" : ", scope=\"" + quoted(scope) + "\"") + ", resource_metadata=\"" + metadataUrl() + "\"");
      HttpErrors.send(ctx.response(), 403, JsonRpc.INVALID_REQUEST, refused.getMessage());
      return;
    }
    if (!(cause instanceof TokenRejected rejected)) {
      LOG.warn("OAuth: checking a token failed unexpectedly", cause);
      HttpErrors.send(ctx.response(), 503, JsonRpc.INTERNAL_ERROR, "the token could not be checked; try again later");
      return;
    }
    LOG.debug("OAuth: token refused on {} {}: {}", ctx.request().method(), ctx.request().path(), rejected.getMessage());
    if (rejected.status() == 503) {
      ctx.response().putHeader("Retry-After", "30");
      HttpErrors.send(ctx.response(), 503, JsonRpc.INTERNAL_ERROR, "Service Unavailable: " + rejected.getMessage());
      return;
    }
    StringBuilder value = new StringBuilder("Bearer error=\"").append(rejected.error()).append('"');
    if (rejected.scope() != null) {
      value.append(", scope=\"").append(quoted(rejected.scope())).append('"');
    }
    value.append(", error_description=\"").append(quoted(rejected.getMessage())).append('"')
        .append(", resource_metadata=\"").append(metadataUrl()).append('"');
    ctx.response().putHeader("WWW-Authenticate", value.toString());
    HttpErrors.send(ctx.response(), rejected.status(), JsonRpc.INVALID_REQUEST,
        (rejected.status() == 403 ? "Forbidden: " : "Unauthorized: ") + rejected.getMessage());
  }

  /** 401 for a request without a usable token: with OAuth, where to find how to get one (RFC 9728 §5.1). */
  private void challenge(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", oauth == null ? "Bearer realm=\"mcp-hub\""
        : "Bearer resource_metadata=\"" + metadataUrl() + "\"");
    HttpErrors.send(ctx.response(), 401, JsonRpc.INVALID_REQUEST, message);
  }

  private String metadataUrl() {
    return oauth.options().metadataUrl();
  }

  /** Longest text an auth-param carries: a refusal reason may quote values from the token. */
  private static final int MAX_PARAM_CHARS = 200;

  /**
   * A quoted-string's content for an auth-param: printable ASCII only, no quote or backslash (RFC 6750 §3), at most
   * {@value #MAX_PARAM_CHARS} characters. The reason may quote the token's own {@code alg} or {@code kid}: a CR or LF
   * there must never reach the header.
   */
  static String quoted(String text) {
    StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_PARAM_CHARS));
    for (int i = 0; i < text.length() && clean.length() < MAX_PARAM_CHARS; i++) {
      char c = text.charAt(i);
      clean.append(c == '"' ? '\'' : c == '\\' ? '/' : c >= 0x20 && c < 0x7f ? c : '?');
    }
    return clean.toString();
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

  /** A valid OAuth token that may not use the admin API. */
  private static final class AdminRefused extends RuntimeException {
    AdminRefused(String message) {
      super(message, null, false, false);
    }
  }
}
