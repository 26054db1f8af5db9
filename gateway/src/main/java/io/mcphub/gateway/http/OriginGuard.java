package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection: a browser {@code Origin} must be a localhost origin or listed in
 * {@code hub.allowedOrigins}; a hub bound to loopback also requires a loopback {@code Host}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning">Security warning</a>
 */
final class OriginGuard implements Handler<RoutingContext> {

  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final List<String> allowedOrigins;
  private final boolean checkHost;

  OriginGuard(List<String> allowedOrigins, String bindHost) {
    this.allowedOrigins = allowedOrigins;
    this.checkHost = isLoopback(bindHost);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !originAllowed(origin)) {
      HttpErrors.send(ctx.response(), 403, JsonRpc.INVALID_REQUEST,
          "Origin " + origin + " is not allowed; add it to hub.allowedOrigins to permit it");
      return;
    }
    String host = ctx.request().getHeader("Host");
    if (checkHost && host != null && !isLoopback(hostName(host))) {
      HttpErrors.send(ctx.response(), 403, JsonRpc.INVALID_REQUEST,
          "Host " + host + " is not allowed for a hub bound to a loopback address");
      return;
    }
    ctx.next();
  }

  private boolean originAllowed(String origin) {
    if (allowedOrigins.contains(origin) || allowedOrigins.contains("*")) {
      return true;
    }
    try {
      URI uri = URI.create(origin);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      return ("http".equals(scheme) || "https".equals(scheme)) && host != null && isLoopback(host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String hostName(String hostHeader) {
    String host = hostHeader.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  static boolean isLoopback(String host) {
    return LOOPBACK_HOSTS.contains(host) || host.startsWith("127.");
  }
}
