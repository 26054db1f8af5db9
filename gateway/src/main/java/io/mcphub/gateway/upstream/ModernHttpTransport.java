package io.mcphub.gateway.upstream;

import io.mcphub.categorizer.Secrets;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.jsonrpc.HeaderValues;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote upstream that speaks MCP 2026-07-28 over Streamable HTTP: sessionless. Every request is its own POST with
 * the per-request {@code _meta} and the mirrored headers ({@link ModernRequests}); there is no {@code initialize}, no
 * {@code Mcp-Session-Id}, no GET stream and no resumption. Its answer is JSON or an SSE stream scoped to that request.
 *
 * <p>Cancellation is closing the response stream (the revision has no {@code notifications/cancelled} on HTTP): the
 * {@code notifications/cancelled} the hub's client sends on a cancel or timeout resets that request's connection
 * instead of being posted. Methods the revision removed ({@code ping}, {@code logging/setLevel},
 * {@code resources/subscribe}, …) are answered {@code -32601} here and never sent.
 *
 * <p>List changes come on a {@code subscriptions/listen} stream ({@link #listen}), re-opened with capped backoff whenever
 * it ends; after a re-opening the lists it covers are announced as changed, since changes made while it was down were
 * not seen. A POST that fails fails its own request; there is no connection to lose, except that a server unreachable
 * for its listen stream {@value #LISTEN_FAILURES_BEFORE_LOST} times in a row counts as gone (the close handler is
 * called, and the owner reconnects). Confined to the owner's context.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">Streamable HTTP (2026-07-28)</a>
 */
final class ModernHttpTransport implements UpstreamTransport {

  /** First wait before re-opening an ended {@code subscriptions/listen} stream; doubled per failure up to the cap. */
  static final long LISTEN_RETRY_INITIAL_MS = 500;
  static final long LISTEN_RETRY_MAX_MS = 30_000;
  /** Failed attempts in a row to reach the server for its listen stream after which it counts as gone (the hub restarts it). */
  static final int LISTEN_FAILURES_BEFORE_LOST = 3;
  private static final String LISTEN_ID_PREFIX = "mcp-hub-listen-";
  private static final Logger LOG = LoggerFactory.getLogger(ModernHttpTransport.class);

  private final Vertx vertx;
  private final HttpClient http;
  private final ServerConfig config;
  private final Map<Object, HttpClientRequest> inFlight = new HashMap<>();
  private MessageHandler messageHandler;
  private Handler<String> closeHandler;
  private JsonObject clientCapabilities = new JsonObject();
  private Function<String, JsonObject> toolSchemas = name -> null;
  private JsonObject listenFilter;
  private HttpClientRequest listenRequest;
  private int listenCount;
  private int listenFailures;
  private boolean listenBroken;
  private long listenTimer = -1;
  private boolean closed;

  ModernHttpTransport(Vertx vertx, HttpClient http, ServerConfig config) {
    this.vertx = vertx;
    this.http = http;
    this.config = config;
  }

  /**
   * What each request declares and mirrors: the client capabilities for its {@code _meta}, and where to find a tool's
   * {@code inputSchema} (for its {@code x-mcp-header} parameters) by the name the server gave it.
   */
  void configure(JsonObject clientCapabilities, Function<String, JsonObject> toolSchemas) {
    this.clientCapabilities = clientCapabilities.copy();
    this.toolSchemas = toolSchemas;
  }

  @Override
  public Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler) {
    this.messageHandler = messageHandler;
    this.closeHandler = closeHandler;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> send(JsonObject message) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("transport closed"));
    }
    String method = message.getString("method");
    if (JsonRpc.isNotification(message)) {
      if (McpMethods.NOTIFICATION_CANCELLED.equals(method) && message.getValue("params") instanceof JsonObject params) {
        abort(params.getValue("requestId"));
      }
      return Future.succeededFuture();
    }
    if (!JsonRpc.isRequest(message)) {
      return Future.succeededFuture();
    }
    Object id = message.getValue("id");
    if (Modern.REMOVED_METHODS.contains(method)) {
      messageHandler.handle(JsonRpc.error(id, new McpException(JsonRpc.METHOD_NOT_FOUND,
          method + " is not part of MCP " + Modern.V2026_07_28 + "; not sent to '" + config.name() + "'")), id);
      return Future.succeededFuture();
    }
    // shallow: withMeta changes only _meta, so the arguments are shared with the caller's message, not copied
    JsonObject params = ModernRequests.withMeta(message.getValue("params") instanceof JsonObject object
        ? new JsonObject(new java.util.LinkedHashMap<>(object.getMap())) : null, clientCapabilities);
    JsonObject body = JsonRpc.request(id, method, params);
    RequestOptions post = post(method, params);
    String traceparent = StreamableHttpTransport.traceparent(message);
    if (traceparent != null) {
      post.putHeader(StreamableHttpTransport.TRACEPARENT_HEADER, traceparent);
    }
    return http.request(post)
        .compose(request -> {
          inFlight.put(id, request);
          return request.send(body.toBuffer());
        })
        .compose(response -> onResponse(response, id), error -> {
          inFlight.remove(id);
          return Future.failedFuture(error);
        });
  }

  /** Opens the {@code subscriptions/listen} stream for the list changes {@code filter} names (kept open until close). */
  void listen(JsonObject filter) {
    listenFilter = filter.copy();
    openListen();
  }

  private Future<Void> onResponse(HttpClientResponse response, Object id) {
    int status = response.statusCode();
    String type = response.getHeader("Content-Type");
    if (status >= 300) {
      inFlight.remove(id);
      return response.body().compose(body -> {
        JsonObject error = jsonRpcError(body);
        if (error != null) {
          messageHandler.handle(JsonRpc.error(id, McpException.fromError(error)), id);
          return Future.succeededFuture();
        }
        return Future.failedFuture(new HttpStatusException(config.name(), status, StreamableHttpTransport.abbreviate(body, config.headers().values())));
      });
    }
    if (type != null && type.startsWith("text/event-stream")) {
      readResponseStream(response, id);
      return Future.succeededFuture();
    }
    return response.body().map(body -> {
      inFlight.remove(id);
      deliver(body.toString(), id);
      return null;
    });
  }

  /** The events of one request's stream: its notifications, then its response; an early end fails the request. */
  private void readResponseStream(HttpClientResponse response, Object id) {
    boolean[] answered = new boolean[1];
    SseEventParser parser = new SseEventParser(event -> {
      if ("message".equals(event.type())) {
        answered[0] |= deliver(event.data(), id);
      }
    }, problem -> {
      LOG.warn("upstream '{}' sent {} on the stream of request {}; dropped", config.name(), problem, id);
      response.request().reset();
    });
    response.handler(parser::feed);
    Handler<Void> ended = v -> {
      inFlight.remove(id);
      if (!answered[0] && !closed) {
        answered[0] = true;
        messageHandler.handle(JsonRpc.error(id, new McpException(JsonRpc.INTERNAL_ERROR,
            "upstream '" + config.name() + "' closed the response stream before answering")), id);
      }
    };
    response.exceptionHandler(error -> ended.handle(null));
    response.endHandler(ended);
  }

  /** Hands each JSON-RPC message in {@code text} to the client; true when one of them answered {@code id}. */
  private boolean deliver(String text, Object id) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return false;
    }
    try {
      if (Json.decodeValue(trimmed) instanceof JsonObject message) {
        messageHandler.handle(message, id);
        return id != null && id.equals(message.getValue("id")) && JsonRpc.isResponse(message);
      }
    } catch (DecodeException e) {
      LOG.warn("upstream '{}' sent invalid JSON; skipped: {}", config.name(), e.getMessage());
    }
    return false;
  }

  /** Closing a request's response stream is how 2026-07-28 cancels it. */
  private void abort(Object requestId) {
    HttpClientRequest request = requestId == null ? null : inFlight.remove(requestId);
    if (request != null) {
      request.reset();
    }
  }

  private void openListen() {
    if (closed || listenFilter == null) {
      return;
    }
    String id = LISTEN_ID_PREFIX + ++listenCount;
    JsonObject params = ModernRequests.withMeta(new JsonObject().put("notifications", listenFilter.copy()), clientCapabilities);
    http.request(post(Modern.SUBSCRIPTIONS_LISTEN, params))
        .compose(request -> {
          listenRequest = request;
          return request.send(JsonRpc.request(id, Modern.SUBSCRIPTIONS_LISTEN, params).toBuffer());
        })
        .onSuccess(response -> {
          String type = response.getHeader("Content-Type");
          if (response.statusCode() == 200 && type != null && type.startsWith("text/event-stream")) {
            readListenStream(response);
            return;
          }
          response.body();
          if (response.statusCode() >= 400 && response.statusCode() < 500) {
            LOG.info("upstream '{}' refused subscriptions/listen (HTTP {}); its list changes will not be seen",
                config.name(), response.statusCode());
            return;
          }
          listenEnded("HTTP " + response.statusCode());
        })
        .onFailure(error -> {
          if (listenFailures + 1 >= LISTEN_FAILURES_BEFORE_LOST && !closed) {
            closed = true;
            close();
            closeHandler.handle("connection lost: " + error.getMessage());
            return;
          }
          listenEnded(error.getMessage());
        });
  }

  private void readListenStream(HttpClientResponse response) {
    SseEventParser parser = new SseEventParser(event -> {
      if ("message".equals(event.type())) {
        onListenMessage(event.data());
      }
    }, problem -> {
      LOG.warn("upstream '{}' sent {} on its subscriptions/listen stream; re-opening it", config.name(), problem);
      response.request().reset();
    });
    response.handler(parser::feed);
    response.exceptionHandler(error -> listenEnded(error.getMessage()));
    response.endHandler(v -> listenEnded("the stream ended"));
  }

  private void onListenMessage(String text) {
    JsonObject message;
    try {
      message = Json.decodeValue(text.strip()) instanceof JsonObject object ? object : null;
    } catch (DecodeException e) {
      LOG.warn("upstream '{}' sent invalid JSON on its listen stream; skipped", config.name());
      return;
    }
    if (message == null || !JsonRpc.isNotification(message)) {
      return;
    }
    if (Modern.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED.equals(message.getString("method"))) {
      listenFailures = 0;
      if (listenBroken) {
        listenBroken = false;
        JsonObject honoured = message.getValue("params") instanceof JsonObject params
            && params.getValue("notifications") instanceof JsonObject filter ? filter : listenFilter;
        catchUp(honoured);
      }
      return;
    }
    messageHandler.handle(message, null);
  }

  /** After the listen stream was down, the lists it covers may have changed unseen: announce them as changed. */
  private void catchUp(JsonObject honoured) {
    Map<String, String> changes = Map.of(
        "toolsListChanged", McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED,
        "promptsListChanged", McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED,
        "resourcesListChanged", McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
    changes.forEach((flag, method) -> {
      if (Boolean.TRUE.equals(honoured.getValue(flag))) {
        messageHandler.handle(JsonRpc.notification(method, null), null);
      }
    });
  }

  private void listenEnded(String why) {
    listenRequest = null;
    if (closed) {
      return;
    }
    listenBroken = true;
    long delay = Math.min(LISTEN_RETRY_MAX_MS, LISTEN_RETRY_INITIAL_MS << Math.min(listenFailures++, 10));
    LOG.debug("upstream '{}' subscriptions/listen ended ({}); re-opening in {} ms", config.name(), why, delay);
    vertx.cancelTimer(listenTimer);
    listenTimer = vertx.setTimer(delay, t -> openListen());
  }

  private RequestOptions post(String method, JsonObject params) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.url());
    config.headers().forEach(options::putHeader);
    options.putHeader("Content-Type", "application/json")
        .putHeader("Accept", "application/json, text/event-stream")
        .putHeader(StreamableHttpTransport.PROTOCOL_HEADER, Modern.V2026_07_28)
        .putHeader(Modern.HEADER_METHOD, method);
    String name = ModernRequests.name(method, params);
    if (name != null) {
      options.putHeader(Modern.HEADER_NAME, HeaderValues.encode(name));
    }
    if (McpMethods.TOOLS_CALL.equals(method) && name != null) {
      JsonObject arguments = params.getValue("arguments") instanceof JsonObject object ? object : null;
      ModernRequests.paramHeaders(toolSchemas.apply(name), arguments).forEach(options::putHeader);
    }
    return options;
  }

  /** The JSON-RPC error an HTTP error body carries (a 400 -32022, a 404 -32601, …), or null. */
  private static JsonObject jsonRpcError(Buffer body) {
    try {
      return Json.decodeValue(body.toString().strip()) instanceof JsonObject message
          && message.getValue("error") instanceof JsonObject error && error.getValue("code") instanceof Number ? error : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(listenTimer);
    if (listenRequest != null) {
      listenRequest.reset();
      listenRequest = null;
    }
    inFlight.values().forEach(HttpClientRequest::reset);
    inFlight.clear();
    return Future.succeededFuture();
  }
}
