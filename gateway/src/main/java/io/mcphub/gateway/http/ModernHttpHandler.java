package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.mcp.ModernResults;
import io.mcphub.gateway.mcp.SessionOrigin;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The sessionless path of {@code /mcp}: requests of 2026-07-28 clients, each served on its own. A request passes the
 * {@link ModernLadder} (HTTP 400 on failure), becomes a transient {@link Session} built from its {@code _meta} and the
 * caller's credentials (never stored: nothing it does outlives the request), is dispatched like any other, and its
 * answer gets the modern envelope ({@link ModernResults}). An unknown or removed method is HTTP 404; closing the
 * response before the answer cancels the request upstream. {@code subscriptions/listen} keeps its response open as a
 * notification stream.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">Streamable HTTP (2026-07-28)</a>
 */
final class ModernHttpHandler {

  private final Hub hub;
  private final McpDispatcher dispatcher;
  /** Whether answers may depend on the caller's credentials (the hub checks bearer tokens). */
  private final boolean authenticates;

  ModernHttpHandler(Hub hub, McpDispatcher dispatcher, boolean authenticates) {
    this.hub = hub;
    this.dispatcher = dispatcher;
    this.authenticates = authenticates;
  }

  /**
   * Whether a POST is a 2026-07-28 request: its {@code MCP-Protocol-Version} header names that revision, or it carries
   * no session id and its body declares a protocol version in {@code _meta} (the ladder then checks the header).
   * {@code initialize} or a session id selects the 2025 behaviour.
   */
  static boolean isModern(HttpServerRequest request, StreamableHttpHandler.IncomingBody body) {
    if (Modern.isModern(request.getHeader(McpHeaders.PROTOCOL_VERSION))) {
      return true;
    }
    if (request.getHeader(McpHeaders.SESSION_ID) != null || body.batch() || body.isInitialize()) {
      return false;
    }
    return body.messages().get(0) instanceof JsonObject message && message.getValue("params") instanceof JsonObject params
        && params.getValue("_meta") instanceof JsonObject meta && meta.containsKey(Modern.META_PROTOCOL_VERSION);
  }

  /** Whether a GET or DELETE names the 2026-07-28 revision: that revision has neither (HTTP 405). */
  static boolean refusesMethod(RoutingContext ctx) {
    if (!Modern.isModern(ctx.request().getHeader(McpHeaders.PROTOCOL_VERSION))) {
      return false;
    }
    ctx.response().putHeader("Allow", "POST");
    HttpErrors.send(ctx.response(), 405, JsonRpc.INVALID_REQUEST, "Method Not Allowed: protocol revision "
        + Modern.V2026_07_28 + " has no GET stream and no session to DELETE; POST subscriptions/listen for notifications");
    return true;
  }

  void post(RoutingContext ctx, StreamableHttpHandler.IncomingBody body, AcceptedMedia accept) {
    HttpServerResponse response = ctx.response();
    if (body.batch()) {
      HttpErrors.badRequest(response, "Invalid Request: protocol revision " + Modern.V2026_07_28 + " takes one message per POST");
      return;
    }
    JsonObject message = (JsonObject) body.messages().get(0);
    if (JsonRpc.isNotification(message)) {
      response.setStatusCode(202).end();
      return;
    }
    if (!JsonRpc.isRequest(message)) {
      HttpErrors.badRequest(response, "Invalid Request: a " + Modern.V2026_07_28 + " client sends no responses");
      return;
    }
    Object id = message.getValue("id");
    ModernLadder.Checked checked;
    try {
      checked = ModernLadder.check(ctx.request().headers(), message);
      if (checked.logLevel() != null && !SessionOrigin.isLogLevel(checked.logLevel())) {
        throw McpException.invalidParams("params._meta[\"" + Modern.META_LOG_LEVEL + "\"] is not a log level: "
            + checked.logLevel());
      }
      checkParamHeaders(ctx, message);
    } catch (McpException refused) {
      send(response, 400, JsonRpc.error(id, refused));
      return;
    }
    Session session = transientSession(ctx, checked);
    JsonObject request = withoutClientMeta(message);
    String method = request.getString("method");
    if (Modern.SUBSCRIPTIONS_LISTEN.equals(method)) {
      listen(response, accept, session, id, request);
      return;
    }
    ModernExchange exchange = new ModernExchange(session, response, accept, () -> hub.endRequest(session, true));
    settled(dispatcher.request(session, request, exchange)).onComplete(outcome -> {
      if (!isCancelled(outcome)) {
        answer(exchange, id, method, outcome);
      }
      hub.endRequest(session, false);
    });
  }

  /** On a clustered hub, {@code answer} once an exposureId the request minted is readable on every node; else as is. */
  private Future<JsonObject> settled(Future<JsonObject> answer) {
    if (!hub.clustered()) {
      return answer;
    }
    return answer.transform(outcome -> hub.exposure().handles().flush()
        .transform(flushed -> outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause())));
  }

  private void answer(ModernExchange exchange, Object id, String method, AsyncResult<JsonObject> outcome) {
    if (outcome.succeeded()) {
      // through a view URL the answer is that view's: its id is not part of a cache key built from method and params
      boolean callerSpecific = authenticates || exchange.session().view() != null;
      exchange.finish(JsonRpc.result(id, ModernResults.stamp(method, outcome.result(), callerSpecific)), 200);
      return;
    }
    JsonObject response = McpDispatcher.toResponse(id, outcome.cause() instanceof McpException error
        ? io.vertx.core.Future.failedFuture(ModernResults.error(error)) : outcome);
    exchange.finish(response, statusOf(response.getJsonObject("error").getInteger("code")));
  }

  /**
   * The HTTP status of an error answer: 404 for a method the hub does not serve, 400 for a request that needs a client
   * capability its {@code _meta} did not declare (the revision's {@code MissingRequiredClientCapability}), 200 for the
   * rest (the request was valid; its outcome is the error).
   */
  private static int statusOf(int code) {
    if (code == JsonRpc.METHOD_NOT_FOUND) {
      return 404;
    }
    return code == Modern.MISSING_REQUIRED_CLIENT_CAPABILITY ? 400 : 200;
  }

  private static boolean isCancelled(AsyncResult<JsonObject> outcome) {
    return outcome.failed() && outcome.cause() instanceof McpException error && error.code() == JsonRpc.REQUEST_CANCELLED;
  }

  private void listen(HttpServerResponse response, AcceptedMedia accept, Session session, Object id, JsonObject request) {
    if (!accept.eventStream()) {
      send(response, 406, JsonRpc.error(id, new McpException(JsonRpc.INVALID_REQUEST,
          "Not Acceptable: subscriptions/listen answers with a text/event-stream")));
      return;
    }
    JsonObject params = request.getValue("params") instanceof JsonObject object ? object : new JsonObject();
    SseStream stream = SseStream.open(response, closed -> dispatcher.listeners().close(session));
    dispatcher.listeners().listen(session, id, params, stream);
  }

  /** The session of one request: its client's revision, capabilities and identity, and the caller's credentials. */
  private Session transientSession(RoutingContext ctx, ModernLadder.Checked checked) {
    Session session = new Session(ctx.vertx(), Session.newId(), Session.Transport.MODERN, BearerAuth.principal(ctx));
    session.grant(BearerAuth.grant(ctx));
    session.view(ViewRoute.of(ctx));
    session.initialized(checked.version(), checked.capabilities(), checked.clientInfo());
    session.operating();
    session.logLevel(checked.logLevel());
    return session;
  }

  /** The {@code Mcp-Param-*} headers of a call to an upstream tool whose schema mirrors arguments into headers. */
  private void checkParamHeaders(RoutingContext ctx, JsonObject message) {
    if (!McpMethods.TOOLS_CALL.equals(message.getValue("method"))) {
      return;
    }
    JsonObject params = message.getJsonObject("params");
    CatalogEntry tool = params.getValue("name") instanceof String name ? hub.registry().tool(name) : null;
    if (tool != null && tool.definition().getValue("inputSchema") instanceof JsonObject schema) {
      JsonObject arguments = params.getValue("arguments") instanceof JsonObject object ? object : new JsonObject();
      ModernLadder.checkParams(ctx.request().headers(), schema, arguments);
    }
  }

  /**
   * The request without the {@code _meta} fields its client set about itself: the hub read them into the session; an
   * upstream hears the hub's own (a 2025 upstream would not understand them, a 2026 one gets the hub's).
   */
  private static JsonObject withoutClientMeta(JsonObject message) {
    // shallow: only params and its _meta change; the arguments, however large, are shared with the parsed body
    JsonObject params = new JsonObject(new java.util.LinkedHashMap<>(message.getJsonObject("params").getMap()));
    JsonObject meta = new JsonObject(new java.util.LinkedHashMap<>(params.getJsonObject("_meta").getMap()));
    Modern.REQUEST_META.forEach(meta::remove);
    if (meta.isEmpty()) {
      params.remove("_meta");
    } else {
      params.put("_meta", meta);
    }
    return new JsonObject(new java.util.LinkedHashMap<>(message.getMap())).put("params", params);
  }

  private static void send(HttpServerResponse response, int status, JsonObject message) {
    if (!response.ended() && !response.closed()) {
      response.setStatusCode(status).putHeader("Content-Type", McpHeaders.JSON).end(JsonRpc.encode(message));
    }
  }
}
