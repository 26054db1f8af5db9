package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.session.Session;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * The Streamable HTTP transport at {@code /mcp} and at each view URL ({@link ViewRoute}): POST carries client messages,
 * GET opens the session's stream, DELETE ends the session. A view has no legacy HTTP+SSE fallback. A POST of a 2026-07-28
 * client (no session) goes to {@link ModernHttpHandler}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Streamable HTTP</a>
 */
final class StreamableHttpHandler {

  private final Hub hub;
  private final SessionAccess sessions;
  private final McpDispatcher dispatcher;
  private final LegacySseHandler legacy;
  private final ModernHttpHandler modern;

  StreamableHttpHandler(Hub hub, SessionAccess sessions, McpDispatcher dispatcher, LegacySseHandler legacy,
      ModernHttpHandler modern) {
    this.hub = hub;
    this.sessions = sessions;
    this.dispatcher = dispatcher;
    this.legacy = legacy;
    this.modern = modern;
  }

  void post(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    AcceptedMedia accept = AcceptedMedia.of(request.getHeader("Accept"));
    if (!accept.json() && !accept.eventStream()) {
      HttpErrors.send(response, 406, JsonRpc.INVALID_REQUEST,
          "Not Acceptable: Accept must include application/json and text/event-stream");
      return;
    }
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(McpHeaders.JSON)) {
      HttpErrors.send(response, 415, JsonRpc.INVALID_REQUEST, "Unsupported Media Type: Content-Type must be application/json");
      return;
    }
    IncomingBody body = IncomingBody.parse(ctx.body().buffer(), dispatcher.maxBatchSize());
    if (body.problem() != null) {
      HttpErrors.send(response, 400, body.problemCode(), body.problem());
      return;
    }
    if (ModernHttpHandler.isModern(request, body)) {
      modern.post(ctx, body, accept);
      return;
    }
    if (body.isInitialize()) {
      initialize(ctx, body, response, accept);
      return;
    }
    existingSession(ctx).onSuccess(session -> {
      if (session == null || !protocolVersionMatches(request, response, session)) {
        return;
      }
      if (body.batch() && !ProtocolVersions.allowsBatches(session.protocolVersion())) {
        HttpErrors.badRequest(response, "JSON-RPC batches are not supported in protocol revision " + session.protocolVersion());
        return;
      }
      process(session, body, response, accept);
    });
  }

  private void initialize(RoutingContext ctx, IncomingBody body, HttpServerResponse response, AcceptedMedia accept) {
    if (HttpLimits.refuseWhenFull(hub.sessions(), response)) {
      return;
    }
    Session session = sessions.open(ctx, Session.Transport.STREAMABLE_HTTP);
    PostExchange exchange = new PostExchange(session, response, accept);
    dispatcher.dispatchAll(session, body.messages(), exchange).compose(settled(session)).onSuccess(responses -> {
      if (responses.get(0).containsKey("error")) {
        hub.closeSession(session.id());
      } else {
        response.putHeader(McpHeaders.SESSION_ID, session.id());
      }
      exchange.finish(responses, false);
    });
  }

  /**
   * The responses, once what the request changed in the session is where every node of a cluster reads it (the
   * client's next request may reach another node); at once alone. A failed write does not hold the answer back.
   */
  private java.util.function.Function<List<JsonObject>, io.vertx.core.Future<List<JsonObject>>> settled(Session session) {
    if (!hub.clustered()) {
      return io.vertx.core.Future::succeededFuture;
    }
    return responses -> hub.settle(session).transform(done -> io.vertx.core.Future.succeededFuture(responses));
  }

  private void process(Session session, IncomingBody body, HttpServerResponse response, AcceptedMedia accept) {
    if (!body.hasRequests()) {
      dispatcher.dispatchAll(session, body.messages(), null).compose(settled(session)).onSuccess(responses -> {
        if (responses.isEmpty()) {
          response.setStatusCode(202).end();
        } else {
          HttpErrors.send(response, 400, JsonRpc.INVALID_REQUEST, responses.get(0).getJsonObject("error").getString("message"));
        }
      });
      return;
    }
    PostExchange exchange = new PostExchange(session, response, accept);
    dispatcher.dispatchAll(session, body.messages(), exchange).compose(settled(session))
        .onSuccess(responses -> exchange.finish(responses, body.batch()));
  }

  void get(RoutingContext ctx) {
    if (ModernHttpHandler.refusesMethod(ctx)) {
      return;
    }
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    AcceptedMedia accept = AcceptedMedia.of(request.getHeader("Accept"));
    if (!accept.eventStream()) {
      HttpErrors.send(response, 406, JsonRpc.INVALID_REQUEST, "Not Acceptable: GET needs Accept: text/event-stream");
      return;
    }
    if (request.getHeader(McpHeaders.SESSION_ID) == null && accept.onlyEventStream() && ViewRoute.of(ctx) == null) {
      legacy.open(ctx);
      return;
    }
    existingSession(ctx).onSuccess(session -> {
      if (session == null || !protocolVersionMatches(request, response, session)) {
        return;
      }
      if (session.hasOpenStream()) {
        HttpErrors.send(response, 409, JsonRpc.INVALID_REQUEST, "Conflict: this session already has an open GET stream");
        return;
      }
      session.attach(SseStream.open(response, session::detach));
    });
  }

  void delete(RoutingContext ctx) {
    if (ModernHttpHandler.refusesMethod(ctx)) {
      return;
    }
    existingSession(ctx).onSuccess(session -> {
      if (session != null) {
        hub.endSession(session.id());
        ctx.response().setStatusCode(200).end();
      }
    });
  }

  /**
   * The session the request names (null once answered); 404, as for an unknown id, when another principal opened it.
   * On a clustered hub it may be one another node opened; one this node cannot take up answers 503.
   */
  private io.vertx.core.Future<Session> existingSession(RoutingContext ctx) {
    String id = ctx.request().getHeader(McpHeaders.SESSION_ID);
    if (id == null || id.isBlank()) {
      HttpErrors.badRequest(ctx.response(), "Bad Request: the Mcp-Session-Id header is required (send initialize first)");
      return io.vertx.core.Future.succeededFuture();
    }
    return sessions.resume(ctx, id, Session.Transport.STREAMABLE_HTTP).transform(found -> {
      if (found.failed()) {
        HttpErrors.send(ctx.response(), 503, JsonRpc.INTERNAL_ERROR, "Service Unavailable: this node cannot take up the"
            + " session now (the cluster's session store cannot be read, or this node holds hub.maxSessions); retry");
        return io.vertx.core.Future.succeededFuture();
      }
      if (found.result() == null) {
        HttpErrors.send(ctx.response(), 404, JsonRpc.INVALID_REQUEST,
            "Session not found: it ended or never existed; start a new one with initialize");
      }
      return io.vertx.core.Future.succeededFuture(found.result());
    });
  }

  /**
   * A request may name any supported revision in {@code MCP-Protocol-Version}; an unknown one is refused.
   *
   * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#protocol-version-header">Protocol version header</a>
   */
  private static boolean protocolVersionMatches(HttpServerRequest request, HttpServerResponse response, Session session) {
    String version = request.getHeader(McpHeaders.PROTOCOL_VERSION);
    if (version == null || ProtocolVersions.isSupported(version)) {
      return true;
    }
    HttpErrors.badRequest(response, "Bad Request: unsupported MCP-Protocol-Version " + version + "; supported: "
        + String.join(", ", ProtocolVersions.SUPPORTED) + " (this session negotiated " + session.protocolVersion() + ")");
    return false;
  }

  /** A POST body, parsed and classified. */
  record IncomingBody(List<Object> messages, boolean batch, String problem, int problemCode) {

    /** Parses a POST body; a batch of more than {@code maxBatchSize} messages is refused ({@code hub.maxBatchSize}). */
    static IncomingBody parse(io.vertx.core.buffer.Buffer buffer, int maxBatchSize) {
      Object decoded;
      try {
        decoded = buffer == null || buffer.length() == 0 ? null : io.vertx.core.json.Json.decodeValue(buffer);
      } catch (RuntimeException e) {
        return failed(JsonRpc.PARSE_ERROR, "Parse error: the body is not valid JSON");
      }
      if (decoded instanceof io.vertx.core.json.JsonArray array) {
        if (array.isEmpty()) {
          return failed(JsonRpc.INVALID_REQUEST, "Invalid Request: empty batch");
        }
        if (array.size() > maxBatchSize) {
          return failed(JsonRpc.INVALID_REQUEST, "Invalid Request: a batch of " + array.size()
              + " messages exceeds the limit of " + maxBatchSize + " (hub.maxBatchSize)");
        }
        return new IncomingBody(array.getList().stream().map(IncomingBody::wrap).toList(), true, null, 0);
      }
      if (!(decoded instanceof JsonObject message)) {
        return failed(JsonRpc.INVALID_REQUEST, "Invalid Request: expected a JSON-RPC message object");
      }
      String problem = JsonRpc.problemWith(message);
      if (problem != null) {
        return failed(JsonRpc.INVALID_REQUEST, "Invalid Request: " + problem);
      }
      return new IncomingBody(List.of(message), false, null, 0);
    }

    private static IncomingBody failed(int code, String problem) {
      return new IncomingBody(List.of(), false, problem, code);
    }

    @SuppressWarnings("unchecked")
    private static Object wrap(Object item) {
      if (item instanceof java.util.Map<?, ?> map) {
        return new JsonObject((java.util.Map<String, Object>) map);
      }
      return item;
    }

    boolean isInitialize() {
      return !batch && messages.get(0) instanceof JsonObject message
          && McpMethods.INITIALIZE.equals(message.getValue("method")) && JsonRpc.isRequest(message);
    }

    boolean hasRequests() {
      return messages.stream().anyMatch(m -> !(m instanceof JsonObject message) || JsonRpc.isRequest(message)
          || JsonRpc.problemWith(m) != null);
    }
  }
}
