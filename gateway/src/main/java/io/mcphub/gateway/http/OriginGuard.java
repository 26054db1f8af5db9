package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS-rebinding protection, in front of every route: a browser {@code Origin} must be an http(s) loopback origin
 * ({@code localhost}, 127.0.0.0/8, {@code [::1]}; any port) or equal, scheme, host and port, to an entry of
 * {@code hub.allowedOrigins}; a hub bound to loopback also requires a loopback {@code Host}. Both are parsed
 * exactly ({@link Authority}): {@code 127.0.0.1.evil.com}, {@code 127.1}, userinfo, trailing dots and the
 * {@code null} origin are refused with 403. A request with neither header (curl, Prometheus) passes.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning">Security warning</a>
 */
final class OriginGuard implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(OriginGuard.class);
  private static final Pattern ORIGIN = Pattern.compile("([a-z][a-z0-9+.-]*)://(.*)");
  private static final String ANY = "*";

  private final Set<String> allowedOrigins = new HashSet<>();
  private final boolean anyOrigin;
  private final boolean checkHost;
  /**
   * The last {@code Host} and {@code Origin} values allowed, exactly as sent: every request of a client repeats them,
   * so a match skips parsing. A verdict depends on nothing but the text, and only allowed texts are kept (one each, so
   * nothing a client sends can grow them).
   */
  private volatile String lastAllowedHost;
  private volatile String lastAllowedOrigin;

  OriginGuard(List<String> allowedOrigins, String bindHost) {
    for (String entry : allowedOrigins) {
      WebOrigin origin = WebOrigin.parse(entry);
      if (origin != null) {
        this.allowedOrigins.add(origin.canonical());
      } else if (!ANY.equals(entry)) {
        LOG.warn("hub.allowedOrigins entry \"{}\" is not an origin like https://app.example.com[:port]; ignored", entry);
      }
    }
    this.anyOrigin = allowedOrigins.contains(ANY);
    this.checkHost = Authority.isLoopbackHost(bindHost);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String refusal = refusal(ctx.request());
    if (refusal != null) {
      HttpErrors.send(ctx.response(), 403, JsonRpc.INVALID_REQUEST, refusal);
      return;
    }
    ctx.next();
  }

  /**
   * Why the request is refused, or null. Also asked for a request the router failed before this guard ran (a
   * {@code Host} so malformed that routing refused it), so that it gets this 403 too.
   */
  String refusal(HttpServerRequest request) {
    List<String> origins = request.headers().getAll("Origin");
    if (!origins.isEmpty() && (origins.size() > 1 || !originAllowed(origins.get(0)))) {
      return "Origin " + String.join(", ", origins) + " is not allowed; add it to hub.allowedOrigins to permit it";
    }
    if (!checkHost) {
      return null;
    }
    List<String> hosts = request.headers().getAll("Host");
    return hostAllowed(hosts, request) ? null
        : "Host " + String.join(", ", hosts) + " is not allowed for a hub bound to a loopback address";
  }

  private boolean originAllowed(String origin) {
    if (origin.equals(lastAllowedOrigin)) {
      return true;
    }
    WebOrigin parsed = WebOrigin.parse(origin);
    boolean allowed = parsed != null && (anyOrigin || allowedOrigins.contains(parsed.canonical()) || parsed.isLoopback());
    if (allowed) {
      lastAllowedOrigin = origin;
    }
    return allowed;
  }

  /** Exactly one Host, and a loopback one; none at all (HTTP/1.0) falls back to the request's authority, if any. */
  private boolean hostAllowed(List<String> hosts, HttpServerRequest request) {
    if (hosts.size() > 1) {
      return false;
    }
    String host = hosts.isEmpty() ? request.authority() == null ? null : request.authority().toString() : hosts.get(0);
    if (host == null || host.equals(lastAllowedHost)) {
      return true;
    }
    Authority authority = Authority.parse(host);
    boolean allowed = authority != null && authority.isLoopback();
    if (allowed) {
      lastAllowedHost = host;
    }
    return allowed;
  }

  /** An origin: {@code scheme://host[:port]} and nothing more (no userinfo, path or trailing slash). */
  record WebOrigin(String scheme, Authority authority) {

    /** The origin {@code text} spells exactly (scheme and host in any case), or null ({@code null} included). */
    static WebOrigin parse(String text) {
      Matcher matcher = ORIGIN.matcher(text.toLowerCase(Locale.ROOT));
      Authority authority = matcher.matches() ? Authority.parse(matcher.group(2)) : null;
      return authority == null ? null : new WebOrigin(matcher.group(1), authority);
    }

    /** Lower case, without the scheme's default port: what two spellings of one origin have in common. */
    String canonical() {
      int defaultPort = "http".equals(scheme) ? 80 : "https".equals(scheme) ? 443 : Authority.NO_PORT;
      boolean showPort = authority.port() != Authority.NO_PORT && authority.port() != defaultPort;
      return scheme + "://" + authority.host() + (showPort ? ":" + authority.port() : "");
    }

    /** An http(s) page served from this machine, on any port. */
    boolean isLoopback() {
      return ("http".equals(scheme) || "https".equals(scheme)) && authority.isLoopback();
    }
  }
}
