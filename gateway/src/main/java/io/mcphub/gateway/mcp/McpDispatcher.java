package io.mcphub.gateway.mcp;

import io.mcphub.gateway.categorize.PromptAnalyzer;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.redact.Redaction;
import io.mcphub.gateway.session.InFlightCall;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.telemetry.HubTracer;
import io.mcphub.gateway.telemetry.McpSpan;
import io.mcphub.gateway.upstream.RequestOrigin;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each client message of a session to its handler, independent of the HTTP transport that carried
 * it. Requests yield a result future; notifications and responses are consumed. The only place where a
 * handler outcome becomes a JSON-RPC response.
 */
public final class McpDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(McpDispatcher.class);

  private final Hub hub;
  private final int maxBatchSize;
  private final Map<String, McpHandler> handlers = new HashMap<>();
  private final InputBridge bridge;
  private final ModernListeners listeners;
  private final MetaTools meta;
  private HubTracer tracer = HubTracer.NOOP;

  /**
   * @param analyzer the current prompt analyzer (a reloaded config replaces it)
   * @param debugDecisions log every exposure decision ({@code DEBUG_TOOL_FILTERING=true})
   * @param maxBatchSize the most messages one batch may carry ({@code hub.maxBatchSize})
   */
  public McpDispatcher(Hub hub, java.util.function.Supplier<PromptAnalyzer> analyzer, boolean debugDecisions,
      int maxBatchSize) {
    this.hub = hub;
    this.maxBatchSize = maxBatchSize;
    this.meta = new MetaTools(hub.registry(), hub.toolIndex(), hub.forwarding(), hub, hub::metrics, hub.exposure(), analyzer,
        debugDecisions);
    ToolHandlers tools = new ToolHandlers(hub.registry(), hub.exposure(), meta, hub.forwarding());
    PromptHandlers prompts = new PromptHandlers(hub.registry(), hub.forwarding());
    ResourceHandlers resources = new ResourceHandlers(hub.registry(), hub.forwarding(), hub);
    handlers.put(McpMethods.INITIALIZE, new InitializeHandler());
    handlers.put(McpMethods.PING, request -> Future.succeededFuture(new JsonObject()));
    handlers.put(McpMethods.TOOLS_LIST, tools::list);
    handlers.put(McpMethods.TOOLS_CALL, tools::call);
    handlers.put(McpMethods.PROMPTS_LIST, prompts::list);
    handlers.put(McpMethods.PROMPTS_GET, prompts::get);
    handlers.put(McpMethods.RESOURCES_LIST, resources::list);
    handlers.put(McpMethods.RESOURCES_TEMPLATES_LIST, resources::templates);
    handlers.put(McpMethods.RESOURCES_READ, resources::read);
    handlers.put(McpMethods.RESOURCES_SUBSCRIBE, resources::subscribe);
    handlers.put(McpMethods.RESOURCES_UNSUBSCRIBE, resources::unsubscribe);
    handlers.put(McpMethods.COMPLETION_COMPLETE, new CompletionHandler(hub.registry(), hub.forwarding()));
    handlers.put(McpMethods.LOGGING_SET_LEVEL, new LoggingHandler(hub::logLevelChanged));
    handlers.put(Modern.SERVER_DISCOVER, request -> Future.succeededFuture(DiscoverResult.of()));
    this.bridge = new InputBridge(hub.vertx());
    this.listeners = new ModernListeners(hub, (session, uri) -> guarded(() -> resources.subscribe(new McpRequest(session,
        null, McpMethods.RESOURCES_SUBSCRIBE, new JsonObject().put("uri", uri), new SessionOrigin(session)))));
    hub.modernListeners(listeners);
  }

  /** The {@code subscriptions/listen} streams of 2026-07-28 clients. */
  public ModernListeners listeners() {
    return listeners;
  }

  /** Calls of 2026-07-28 clients waiting for the client's input (MRTR). */
  public InputBridge inputBridge() {
    return bridge;
  }

  /**
   * Runs {@code hub__analyze_prompt} for {@code session} outside any MCP exchange ({@code POST /api/views}): completes
   * with the tool's result, an {@code isError} one included. Pass a transient session so that nothing but the minted
   * exposure handle outlives the call.
   */
  public Future<JsonObject> analyze(Session session, String prompt) {
    JsonObject params = new JsonObject().put("name", MetaTools.ANALYZE).put("arguments", new JsonObject().put("prompt", prompt));
    return meta.call(MetaTools.ANALYZE, new McpRequest(session, null, McpMethods.TOOLS_CALL, params, null));
  }

  /** Traces every request with {@code tracer} from now on (the default traces nothing). */
  public McpDispatcher tracer(HubTracer tracer) {
    this.tracer = tracer;
    return this;
  }

  /** The most messages one batch may carry; transports refuse larger ones before dispatching. */
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /** Handles a request; the future fails with an {@link McpException} for any protocol error. */
  public Future<JsonObject> request(Session session, JsonObject message, RequestOrigin origin) {
    session.touch();
    String method = message.getValue("method") instanceof String text ? text : null;
    Object params = message.getValue("params");
    if (method == null) {
      return Future.failedFuture(new McpException(JsonRpc.INVALID_REQUEST, "\"method\" must be a string"));
    }
    if (params != null && !(params instanceof JsonObject)) {
      return Future.failedFuture(McpException.invalidParams("\"params\" must be an object"));
    }
    McpHandler handler = handlers.get(method);
    if (handler == null || (session.isModern() ? isLegacyOnly(method) : isModernOnly(method))) {
      return Future.failedFuture(new McpException(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method
          + (session.isModern() && Modern.REMOVED_METHODS.contains(method) ? " (protocol revision "
              + session.protocolVersion() + " removed it)" : "")));
    }
    boolean initialize = McpMethods.INITIALIZE.equals(method);
    if (initialize == session.isInitialized() && !McpMethods.PING.equals(method)) {
      return Future.failedFuture(new McpException(JsonRpc.INVALID_REQUEST, initialize
          ? "the session is already initialized" : "the session is not initialized: send initialize first"));
    }
    McpRequest request = new McpRequest(session, message.getValue("id"), method,
        params == null ? new JsonObject() : (JsonObject) params, origin);
    java.util.function.Supplier<Future<JsonObject>> serve = session.isModern() && Modern.INPUT_CAPABLE.contains(method)
        ? () -> guarded(() -> bridge.serve(request, bridged -> handle(handler, bridged))) : () -> handle(handler, request);
    if (tracer.enabled()) {
      return tracer.serve(McpSpan.of(method, request.params(), session.handle(), request.id()), request.params(), serve);
    }
    return serve.get();
  }

  private static boolean isLegacyOnly(String method) {
    return Modern.REMOVED_METHODS.contains(method);
  }

  private static boolean isModernOnly(String method) {
    return Modern.SERVER_DISCOVER.equals(method);
  }

  private static Future<JsonObject> handle(McpHandler handler, McpRequest request) {
    return guarded(() -> handler.handle(request));
  }

  /** A handler's outcome; what it throws (an {@link McpException} for a refusal) becomes the failed future. */
  private static Future<JsonObject> guarded(java.util.function.Supplier<Future<JsonObject>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Handles every message of one POST (a single message or a batch): notifications and responses at once,
   * requests concurrently. Completes with the responses to send, in request order (empty when none; a request its client
   * cancelled has none). A batch larger
   * than {@link #maxBatchSize()} is not dispatched: its answer is one error.
   */
  public Future<List<JsonObject>> dispatchAll(Session session, List<Object> messages, RequestOrigin origin) {
    if (messages.size() > maxBatchSize) {
      return Future.succeededFuture(List.of(JsonRpc.error(null, new McpException(JsonRpc.INVALID_REQUEST,
          "a batch of " + messages.size() + " messages exceeds the limit of " + maxBatchSize + " (hub.maxBatchSize)"))));
    }
    List<Future<JsonObject>> responses = new ArrayList<>();
    for (Object item : messages) {
      String problem = JsonRpc.problemWith(item);
      if (problem != null) {
        Object id = item instanceof JsonObject object && JsonRpc.isValidId(object.getValue("id")) ? object.getValue("id") : null;
        responses.add(Future.succeededFuture(JsonRpc.error(id, new McpException(JsonRpc.INVALID_REQUEST, problem))));
        continue;
      }
      JsonObject message = (JsonObject) item;
      if (JsonRpc.isRequest(message)) {
        Object id = message.getValue("id");
        responses.add(request(session, message, origin)
            .transform(outcome -> Future.succeededFuture(wasCancelled(outcome) ? null : toResponse(id, outcome))));
      } else if (JsonRpc.isNotification(message)) {
        notification(session, message);
      } else {
        response(session, message);
      }
    }
    return Future.join(responses).map(all -> responses.stream().map(Future::result).filter(Objects::nonNull).toList());
  }

  /**
   * True when the request ended because its client cancelled it: such a request gets no response.
   *
   * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation#behavior-requirements">Cancellation: receivers SHOULD NOT send a response for the cancelled request</a>
   */
  private static boolean wasCancelled(AsyncResult<JsonObject> outcome) {
    return outcome.failed() && outcome.cause() instanceof McpException error && error.code() == JsonRpc.REQUEST_CANCELLED;
  }

  /** Handles a client notification. */
  public void notification(Session session, JsonObject message) {
    session.touch();
    JsonObject params = message.getValue("params") instanceof JsonObject object ? object : new JsonObject();
    switch (String.valueOf(message.getValue("method"))) {
      case McpMethods.NOTIFICATION_INITIALIZED -> session.operating();
      case McpMethods.NOTIFICATION_CANCELLED -> cancel(session, params);
      case McpMethods.NOTIFICATION_ROOTS_LIST_CHANGED -> hub.rootsChanged(session);
      default -> LOG.debug("session {} sent notification {}; ignored", session.handle(), message.getValue("method"));
    }
  }

  /** Handles a client's response to a request the hub relayed to it. */
  public void response(Session session, JsonObject message) {
    session.touch();
    session.onClientResponse(message);
  }

  /** Builds the JSON-RPC response for a request's outcome; unexpected failures are logged, not shown. */
  public static JsonObject toResponse(Object id, AsyncResult<JsonObject> outcome) {
    if (outcome.succeeded()) {
      return JsonRpc.result(id, outcome.result());
    }
    if (outcome.cause() instanceof McpException error) {
      return JsonRpc.error(id, error);
    }
    String reference = Redaction.reference();
    LOG.error("internal error [ref {}] handling request {}", reference, id, outcome.cause());
    return JsonRpc.error(id, new McpException(JsonRpc.INTERNAL_ERROR, "internal error (ref " + reference + ")"));
  }

  private void cancel(Session session, JsonObject params) {
    InFlightCall call = session.untrackInFlight(params.getValue("requestId"));
    if (call != null) {
      call.upstream().cancel(call.upstreamId(), params.getString("reason"));
    } else {
      session.unplaced(JsonRpc.notification(McpMethods.NOTIFICATION_CANCELLED, params));
    }
  }
}
