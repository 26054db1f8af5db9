package io.mcphub.gateway.upstream;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.telemetry.HubTracer;
import io.mcphub.gateway.telemetry.UpstreamSpan;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's JSON-RPC client towards one upstream server over one transport. It owns the request ids (never
 * the downstream client's), tracks pending requests with a timeout, maps progress tokens back to the
 * caller's, and relays what the server sends about a request to that request's {@link RequestOrigin}.
 *
 * <p>A server-to-client request reaches a client only when it can be tied to one: by the request it says it
 * relates to (HTTP transports), or because every call in flight on this connection belongs to the same client. A log
 * message reaches a client directly only by the request it relates to. Anything else goes to the {@link Listener},
 * which refuses requests it cannot tie and sends logs only to clients that asked for them (or, for an instance that
 * serves one client, to that client) — never to a guessed "latest caller". Every message is
 * validated before use: a malformed response fails its own call. Confined to the owner's event-loop context.
 */
final class UpstreamClient {

  /** Where messages that belong to no single call go. */
  interface Listener {
    /** List changes, resource updates and log messages not tied to a call. */
    void onNotification(JsonObject notification);

    /** Who answers a server-to-client request tied to no client (e.g. {@code roots/list}); null refuses it. */
    RequestOrigin originForUntiedRequest(String method);

    /** True when the hub declared this client capability to the server at {@code initialize}. */
    boolean declared(String capability);

    /** The transport ended without being closed; every pending call has already failed. */
    void onClosed(String reason);
  }

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);

  private final Vertx vertx;
  private final String serverName;
  private final UpstreamTransport transport;
  private final Listener listener;
  private final HubTracer tracer;
  private final Map<Long, Pending> pending = new HashMap<>();
  /** What the server does wrong is logged, but a misbehaving server cannot flood the log: a burst, then 1 a second. */
  private final LogRateLimit misbehaviour = new LogRateLimit(20, 1, System::nanoTime);
  private long nextId = 1;
  private boolean closed;

  UpstreamClient(Vertx vertx, String serverName, UpstreamTransport transport, Listener listener) {
    this.vertx = vertx;
    this.serverName = serverName;
    this.transport = transport;
    this.listener = listener;
    this.tracer = HubTracer.of(vertx);
  }

  Future<Void> start() {
    return transport.start(this::onMessage, this::onTransportClosed);
  }

  UpstreamTransport transport() {
    return transport;
  }

  /** Sends a request on behalf of a client exchange; {@code params} may be adjusted (progress token). */
  OutboundCall call(String method, JsonObject params, RequestOrigin origin, long timeoutMs) {
    long id = nextId++;
    Pending call = new Pending(id, method, origin, Promise.promise());
    if (closed) {
      call.promise.fail(unavailable("is not connected"));
      return new OutboundCall(id, call.promise.future());
    }
    JsonObject meta = params == null ? null : params.getJsonObject("_meta");
    if (meta != null && meta.getValue("progressToken") != null && origin != null) {
      call.clientProgressToken = meta.getValue("progressToken");
      meta.put("progressToken", id);
    }
    if (origin != null && tracer.enabled()) {
      tracer.startUpstream(new UpstreamSpan(serverName, method, !(transport instanceof StdioTransport)), params)
          .endWith(call.promise.future());
    }
    call.timerId = vertx.setTimer(timeoutMs, t -> onTimeout(call, timeoutMs));
    pending.put(id, call);
    transport.send(JsonRpc.request(id, method, params)).onFailure(error -> onSendFailed(call, error));
    return new OutboundCall(id, call.promise.future());
  }

  /** A request of the hub's own (initialize, listing): nothing is relayed to a client. */
  Future<JsonObject> request(String method, JsonObject params, long timeoutMs) {
    return call(method, params, null, timeoutMs).result();
  }

  void notify(String method, JsonObject params) {
    if (!closed) {
      transport.send(JsonRpc.notification(method, params));
    }
  }

  /** Forwards a client's cancellation with the hub's own id and stops waiting for the answer. */
  void cancel(long upstreamId, String reason) {
    Pending call = pending.get(upstreamId);
    if (call == null) {
      return;
    }
    JsonObject params = new JsonObject().put("requestId", upstreamId);
    if (reason != null) {
      params.put("reason", reason);
    }
    // settled before the upstream is told: telling it may end the request's stream at once (2026-07-28 upstreams),
    // and that must find the call already answered
    Promise<JsonObject> promise = finish(call);
    notify(McpMethods.NOTIFICATION_CANCELLED, params);
    promise.fail(new McpException(JsonRpc.REQUEST_CANCELLED, "request cancelled by the client"));
  }

  Future<Void> close() {
    failAll("is shutting down");
    closed = true;
    return transport.close();
  }

  private void onMessage(JsonObject message, Object relatedRequestId) {
    try {
      dispatch(message, relatedRequestId);
    } catch (RuntimeException e) {
      misbehaved("sent a message the hub could not handle (" + e + "); ignored");
    }
  }

  private void dispatch(JsonObject message, Object relatedRequestId) {
    if (JsonRpc.isResponse(message)) {
      onResponse(message);
    } else if (JsonRpc.isRequest(message)) {
      onServerRequest(message, relatedRequestId);
    } else if (JsonRpc.isNotification(message)) {
      onNotification(message, relatedRequestId);
    } else {
      LOG.debug("upstream '{}' sent a message that is neither request, response nor notification", serverName);
    }
  }

  private void onResponse(JsonObject message) {
    Pending call = message.getValue("id") instanceof Number id ? pending.get(id.longValue()) : null;
    if (call == null) {
      LOG.debug("upstream '{}' answered an unknown request id {}", serverName, message.getValue("id"));
      return;
    }
    Promise<JsonObject> promise = finish(call);
    Object error = message.getValue("error");
    Object result = message.getValue("result");
    if (error instanceof JsonObject details) {
      promise.fail(McpException.fromError(details));
    } else if (error != null) {
      promise.fail(malformed(call, "its \"error\" is not an object"));
    } else if (result instanceof JsonObject value) {
      promise.complete(value);
    } else {
      promise.fail(malformed(call, "its \"result\" is not an object"));
    }
  }

  private McpException malformed(Pending call, String why) {
    misbehaved("answered " + call.method + " (hub id " + call.id + ") with a malformed response: " + why);
    return new McpException(JsonRpc.INTERNAL_ERROR,
        "upstream server '" + serverName + "' sent a malformed response to " + call.method + ": " + why);
  }

  private void onServerRequest(JsonObject message, Object relatedRequestId) {
    Object id = message.getValue("id");
    String method = message.getString("method");
    if (McpMethods.PING.equals(method)) {
      transport.send(JsonRpc.result(id, new JsonObject()));
      return;
    }
    String capability = McpMethods.clientCapabilityOf(method);
    if (capability != null && !listener.declared(capability)) {
      misbehaved("sent " + method + " though the hub did not declare " + capability + " to it; refused");
      transport.send(JsonRpc.error(id, new McpException(JsonRpc.METHOD_NOT_FOUND,
          "the hub did not declare the " + capability + " capability to this server")));
      return;
    }
    RequestOrigin origin = originOf(relatedRequestId);
    if (origin == null) {
      origin = listener.originForUntiedRequest(method);
    }
    if (origin == null) {
      misbehaved("sent " + method + " that cannot be tied to one client; refused");
      transport.send(JsonRpc.error(id, new McpException(JsonRpc.METHOD_NOT_FOUND,
          "the hub cannot tell which client " + method + " is for (calls from several clients are in flight);"
              + " configure this server with \"isolation\": \"per-client\" to relay it")));
      return;
    }
    JsonObject params = message.getValue("params") instanceof JsonObject object ? object : null;
    origin.request(method, params)
        .onSuccess(result -> transport.send(JsonRpc.result(id, result)))
        .onFailure(error -> transport.send(JsonRpc.error(id, asMcp(error))));
  }

  private void onNotification(JsonObject message, Object relatedRequestId) {
    String method = message.getString("method");
    if (McpMethods.NOTIFICATION_PROGRESS.equals(method)) {
      relayProgress(message);
      return;
    }
    if (McpMethods.NOTIFICATION_MESSAGE.equals(method)) {
      RequestOrigin origin = relatedOrigin(relatedRequestId);
      if (origin != null) {
        origin.notify(message);
        return;
      }
    }
    listener.onNotification(message);
  }

  private void relayProgress(JsonObject message) {
    JsonObject params = message.getValue("params") instanceof JsonObject object ? object : null;
    Object token = params == null ? null : params.getValue("progressToken");
    Pending call = token instanceof Number id ? pending.get(id.longValue()) : null;
    if (call == null || call.clientProgressToken == null) {
      LOG.debug("upstream '{}' sent progress for an unknown token {}", serverName, token);
      return;
    }
    JsonObject relayed = params.copy().put("progressToken", call.clientProgressToken);
    call.origin.notify(JsonRpc.notification(McpMethods.NOTIFICATION_PROGRESS, relayed));
  }

  /**
   * The client a server-to-client request belongs to: the call it relates to when the transport says so (and no
   * other, even when that call has ended); otherwise the one client whose calls are in flight (the most recent of its
   * calls, for the stream); null when that is not one client.
   */
  private RequestOrigin originOf(Object relatedRequestId) {
    if (relatedRequestId != null) {
      return relatedOrigin(relatedRequestId);
    }
    Pending latest = null;
    for (Pending call : pending.values()) {
      if (call.origin == null) {
        continue;
      }
      if (latest != null && !latest.origin.clientId().equals(call.origin.clientId())) {
        return null;
      }
      if (latest == null || call.id > latest.id) {
        latest = call;
      }
    }
    return latest == null ? null : latest.origin;
  }

  /** Logs what the server did wrong, rate-limited, with one line saying how many were suppressed when it resumes. */
  private void misbehaved(String what) {
    long suppressed = misbehaviour.admit();
    if (suppressed < 0) {
      return;
    }
    if (suppressed > 0) {
      LOG.warn("upstream '{}': {} similar warnings suppressed", serverName, suppressed);
    }
    LOG.warn("upstream '{}' {}", serverName, what);
  }

  /**
   * The origin of the client call a message says it relates to, if that call is still in flight; null otherwise. A
   * log message is relayed to a client only this way: one without a relation goes to the clients that asked for logs.
   */
  private RequestOrigin relatedOrigin(Object relatedRequestId) {
    Pending call = relatedRequestId instanceof Number id ? pending.get(id.longValue()) : null;
    return call == null ? null : call.origin;
  }

  private void onTimeout(Pending call, long timeoutMs) {
    if (pending.get(call.id) != call) {
      return;
    }
    Promise<JsonObject> promise = finish(call);
    notify(McpMethods.NOTIFICATION_CANCELLED, new JsonObject().put("requestId", call.id).put("reason", "timeout"));
    promise.fail(new McpException(JsonRpc.REQUEST_TIMEOUT,
        "upstream server '" + serverName + "' did not answer " + call.method + " within " + timeoutMs + " ms"));
  }

  private void onSendFailed(Pending call, Throwable error) {
    if (pending.get(call.id) != call) {
      return;
    }
    Promise<JsonObject> promise = finish(call);
    boolean raw = error instanceof SessionExpiredException || McpMethods.INITIALIZE.equals(call.method);
    promise.fail(raw ? error : unavailable("could not be reached: " + error.getMessage()));
  }

  private void onTransportClosed(String reason) {
    closed = true;
    failAll("disconnected (" + reason + ")");
    listener.onClosed(reason);
  }

  private void failAll(String why) {
    for (Pending call : pending.values().toArray(Pending[]::new)) {
      finish(call).fail(unavailable(why));
    }
  }

  private Promise<JsonObject> finish(Pending call) {
    pending.remove(call.id);
    vertx.cancelTimer(call.timerId);
    return call.promise;
  }

  private McpException unavailable(String what) {
    return new McpException(JsonRpc.UPSTREAM_UNAVAILABLE, "upstream server '" + serverName + "' " + what);
  }

  static McpException asMcp(Throwable error) {
    return error instanceof McpException mcp ? mcp : new McpException(JsonRpc.INTERNAL_ERROR, "request failed");
  }

  private static final class Pending {
    final long id;
    final String method;
    final RequestOrigin origin;
    final Promise<JsonObject> promise;
    long timerId;
    Object clientProgressToken;

    Pending(long id, String method, RequestOrigin origin, Promise<JsonObject> promise) {
      this.id = id;
      this.method = method;
      this.origin = origin;
      this.promise = promise;
    }
  }
}
