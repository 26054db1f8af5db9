package io.mcphub.gateway.http;

import io.mcphub.gateway.config.LimitsOptions;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.session.SessionStore;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server's share of {@link LimitsOptions}: header size and idle timeout (Vert.x enforces them), a cap on
 * open connections (further ones are closed at once), a deadline for each request's body (a client that sends
 * headers and then trickles the body gets 408 and loses its connection), and each response's outbound byte budget
 * (which {@link SseStream} enforces). Used on the context of the verticle that owns the server.
 */
public final class HttpLimits {

  private static final Logger LOG = LoggerFactory.getLogger(HttpLimits.class);
  private static final long LONGEST_SWEEP_MS = 1_000;

  private final Vertx vertx;
  private final LimitsOptions limits;
  /** Requests whose body had not fully arrived when last looked at, with when their headers came. */
  private final Map<HttpServerRequest, Long> awaitingBody = new LinkedHashMap<>();
  private int connections;
  private boolean refusing;
  private long sweeper = -1;

  private HttpLimits(Vertx vertx, LimitsOptions limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  public static HttpLimits create(Vertx vertx, LimitsOptions limits) {
    return new HttpLimits(vertx, limits);
  }

  /** Server options with the header, request line and idle limits. */
  public HttpServerOptions serverOptions() {
    return new HttpServerOptions().setTcpNoDelay(true)
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setMaxInitialLineLength(LimitsOptions.MAX_INITIAL_LINE_LENGTH)
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.connectionIdleTimeoutMs()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  /** Starts watching request bodies. */
  public void start() {
    long period = Math.max(10, Math.min(LONGEST_SWEEP_MS, limits.bodyTimeoutMs() / 4));
    sweeper = vertx.setPeriodic(period, t -> cutSlowBodies());
  }

  public void close() {
    vertx.cancelTimer(sweeper);
    awaitingBody.clear();
  }

  /** The server's connection handler: counts connections and closes those beyond {@code hub.maxConnections}. */
  public void connected(HttpConnection connection) {
    if (connections >= limits.maxConnections()) {
      if (!refusing) {
        refusing = true;
        LOG.warn("{} connections open, the limit (hub.maxConnections); closing new ones until some end", connections);
      }
      connection.close();
      return;
    }
    connections++;
    connection.closeHandler(v -> {
      connections--;
      refusing = false;
    });
  }

  /** Wraps the request handler: applies the outbound budget and the body deadline, then hands over. */
  public Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
    return request -> {
      request.response().setWriteQueueMaxSize(limits.streamBufferBytes());
      if (!request.isEnded()) {
        awaitingBody.put(request, System.currentTimeMillis());
      }
      next.handle(request);
    };
  }

  /** Open connections right now. */
  public int connections() {
    return connections;
  }

  private void cutSlowBodies() {
    long now = System.currentTimeMillis();
    for (Iterator<Map.Entry<HttpServerRequest, Long>> entries = awaitingBody.entrySet().iterator(); entries.hasNext(); ) {
      Map.Entry<HttpServerRequest, Long> entry = entries.next();
      HttpServerRequest request = entry.getKey();
      if (request.isEnded() || request.response().closed()) {
        entries.remove();
      } else if (now - entry.getValue() > limits.bodyTimeoutMs()) {
        entries.remove();
        cut(request);
      }
    }
  }

  private void cut(HttpServerRequest request) {
    LOG.debug("{} {} from {}: body not received within {} ms; connection closed", request.method(), request.path(),
        request.remoteAddress(), limits.bodyTimeoutMs());
    HttpServerResponse response = request.response();
    if (!response.ended() && !response.headWritten()) {
      response.putHeader("Connection", "close");
      HttpErrors.send(response, 408, JsonRpc.INVALID_REQUEST, "Request Timeout: the body did not arrive within "
          + limits.bodyTimeoutMs() + " ms (hub.bodyTimeoutMs)");
    }
    request.connection().close();
  }

  /**
   * Refuses a new session with 503 when the store is full ({@code hub.maxSessions}); true when refused.
   */
  static boolean refuseWhenFull(SessionStore sessions, HttpServerResponse response) {
    if (sessions.size() < sessions.capacity()) {
      return false;
    }
    HttpErrors.send(response, 503, JsonRpc.INTERNAL_ERROR, "Service Unavailable: the hub holds " + sessions.size()
        + " sessions, its limit (hub.maxSessions is " + sessions.capacity() + "); end unused sessions or retry later");
    return true;
  }
}
