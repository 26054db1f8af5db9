package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.mcp.SessionOrigin;
import io.mcphub.gateway.session.ClientStream;
import io.mcphub.gateway.session.Session;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One Streamable HTTP POST that carries requests. Answered as JSON by default; switched to an SSE stream
 * only when a message about one of its requests (progress, a log line, a sampling request) must reach the
 * client before the response. When the client accepts only JSON, such messages go to the session's GET
 * stream instead.
 */
final class PostExchange extends SessionOrigin {

  private final HttpServerResponse response;
  private final AcceptedMedia accept;
  private SseStream sse;
  private boolean finished;

  PostExchange(Session session, HttpServerResponse response, AcceptedMedia accept) {
    super(session);
    this.response = response;
    this.accept = accept;
  }

  @Override
  protected ClientStream stream() {
    if (finished || !accept.eventStream() || response.closed()) {
      return null;
    }
    if (sse == null) {
      sse = SseStream.open(response, closed -> { });
    }
    return sse;
  }

  /**
   * Sends the responses (one, or a batch) and ends the exchange. A client that went away gets nothing; when no response
   * is left to send (the client cancelled its requests) an SSE stream just ends, a JSON answer is 202 with no body.
   */
  void finish(List<JsonObject> responses, boolean batch) {
    if (response.closed() || response.ended()) {
      finished = true;
      return;
    }
    if (sse != null || !accept.json()) {
      ClientStream stream = stream();
      responses.forEach(stream::write);
      finished = true;
      stream.end();
      return;
    }
    finished = true;
    if (responses.isEmpty()) {
      response.setStatusCode(202).end();
      return;
    }
    Buffer body = batch ? Buffer.buffer(new JsonArray(List.copyOf(responses)).encode()) : JsonRpc.toBuffer(responses.get(0));
    response.putHeader("Content-Type", McpHeaders.JSON).end(body);
  }
}
