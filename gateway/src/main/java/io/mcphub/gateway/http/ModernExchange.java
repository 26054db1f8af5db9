package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.mcp.SessionOrigin;
import io.mcphub.gateway.session.ClientStream;
import io.mcphub.gateway.session.Session;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * One 2026-07-28 request and its response: JSON by default, an SSE stream once a message about the request (progress, a
 * log line at or above the level the request asked for) must reach the client first. Only such messages go here — the
 * revision has no session stream, and a response stream carries nothing unrelated to its request. The client closing
 * the response before the answer cancels the request ({@code onGone}).
 */
final class ModernExchange extends SessionOrigin {

  private final HttpServerResponse response;
  private final AcceptedMedia accept;
  private final Runnable onGone;
  private SseStream sse;
  private boolean finished;

  ModernExchange(Session session, HttpServerResponse response, AcceptedMedia accept, Runnable onGone) {
    super(session);
    this.response = response;
    this.accept = accept;
    this.onGone = onGone;
    response.closeHandler(v -> gone());
  }

  private void gone() {
    if (!finished) {
      finished = true;
      onGone.run();
    }
  }

  @Override
  protected ClientStream stream() {
    if (finished || !accept.eventStream() || response.closed()) {
      return null;
    }
    if (sse == null) {
      sse = SseStream.open(response, closed -> gone());
    }
    return sse;
  }

  /** Progress always; a log message only when the request asked for logs ({@code _meta} logLevel) at or below its level. */
  @Override
  public void notify(JsonObject notification) {
    Object method = notification.getValue("method");
    boolean related = McpMethods.NOTIFICATION_PROGRESS.equals(method)
        || McpMethods.NOTIFICATION_MESSAGE.equals(method) && wantsLog(session, notification);
    ClientStream stream = related ? stream() : null;
    if (stream != null) {
      stream.write(notification);
    }
  }

  /** A 2026-07-28 client takes no requests: sampling, elicitation and roots reach it as input requests (MRTR) only. */
  @Override
  public Future<JsonObject> request(String method, JsonObject params) {
    return Future.failedFuture(new McpException(Modern.MISSING_REQUIRED_CLIENT_CAPABILITY, "a " + Modern.V2026_07_28
        + " client receives " + method + " only as an input request of tools/call, prompts/get or resources/read"));
  }

  @Override
  public boolean acceptsInputRequired() {
    return true;
  }

  Session session() {
    return session;
  }

  /** Sends the response (HTTP {@code status} unless a stream already started) and ends the exchange. */
  void finish(JsonObject message, int status) {
    if (finished || response.closed() || response.ended()) {
      finished = true;
      return;
    }
    finished = true;
    if (sse != null) {
      sse.write(message);
      sse.end();
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", McpHeaders.JSON).end(JsonRpc.encode(message));
  }
}
