package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.mcp.SessionOrigin;
import io.mcphub.gateway.session.Session;
import io.vertx.ext.web.RoutingContext;

/**
 * The deprecated HTTP+SSE transport for older clients: a GET stream announces {@code /messages?sessionId=…}
 * in an {@code endpoint} event; every response travels back on that stream; the session ends with it.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse">HTTP with SSE</a>
 */
final class LegacySseHandler {

  static final String MESSAGES_PATH = "/messages";

  private final Hub hub;
  private final SessionAccess sessions;
  private final McpDispatcher dispatcher;

  LegacySseHandler(Hub hub, SessionAccess sessions, McpDispatcher dispatcher) {
    this.hub = hub;
    this.sessions = sessions;
    this.dispatcher = dispatcher;
  }

  void open(RoutingContext ctx) {
    if (!AcceptedMedia.of(ctx.request().getHeader("Accept")).eventStream()) {
      HttpErrors.send(ctx.response(), 406, JsonRpc.INVALID_REQUEST, "Not Acceptable: needs Accept: text/event-stream");
      return;
    }
    if (HttpLimits.refuseWhenFull(hub.sessions(), ctx.response())) {
      return;
    }
    Session session = sessions.open(ctx, Session.Transport.LEGACY_SSE);
    SseStream stream = SseStream.open(ctx.response(), closed -> hub.closeSession(session.id()));
    session.attach(stream);
    stream.event("endpoint", MESSAGES_PATH + "?sessionId=" + session.id());
  }

  void post(RoutingContext ctx) {
    String id = ctx.request().getParam("sessionId");
    if (id == null || id.isBlank()) {
      HttpErrors.badRequest(ctx.response(), "Bad Request: the sessionId query parameter is required");
      return;
    }
    Session session = sessions.find(ctx, id, Session.Transport.LEGACY_SSE);
    if (session == null) {
      HttpErrors.send(ctx.response(), 404, JsonRpc.INVALID_REQUEST,
          "Session not found: it ended or never existed; open a new stream with GET /sse");
      return;
    }
    StreamableHttpHandler.IncomingBody body = StreamableHttpHandler.IncomingBody.parse(ctx.body().buffer(),
        dispatcher.maxBatchSize());
    if (body.problem() != null) {
      HttpErrors.send(ctx.response(), 400, body.problemCode(), body.problem());
      return;
    }
    ctx.response().setStatusCode(202).end("Accepted");
    dispatcher.dispatchAll(session, body.messages(), new SessionOrigin(session))
        .onSuccess(responses -> responses.forEach(session::send));
  }
}
