package io.mcphub.gateway.http;

import io.mcphub.gateway.session.ClientStream;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** A {@code text/event-stream} response carrying JSON-RPC messages as {@code message} events. */
final class SseStream implements ClientStream {

  private static final Buffer HEARTBEAT = Buffer.buffer(": keep-alive\n\n");

  private final HttpServerResponse response;
  private boolean open = true;

  private SseStream(HttpServerResponse response) {
    this.response = response;
  }

  /** Starts the stream: writes the headers and calls {@code onClose} once when the client goes away. */
  static SseStream open(HttpServerResponse response, Handler<SseStream> onClose) {
    SseStream stream = new SseStream(response);
    response.setChunked(true)
        .putHeader("Content-Type", McpHeaders.EVENT_STREAM)
        .putHeader("Cache-Control", "no-cache, no-transform")
        .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(v -> stream.closed(onClose));
    response.endHandler(v -> stream.closed(onClose));
    response.writeHead();
    return stream;
  }

  /** Writes a named event with raw data (the legacy transport's {@code endpoint} event). */
  void event(String type, String data) {
    if (open) {
      response.write("event: " + type + "\ndata: " + data + "\n\n");
    }
  }

  @Override
  public boolean write(JsonObject message) {
    if (!open || response.closed()) {
      return false;
    }
    String json = message.encode();
    response.write(Buffer.buffer(json.length() + 24).appendString("event: message\ndata: ").appendString(json)
        .appendString("\n\n"));
    return true;
  }

  @Override
  public void heartbeat() {
    if (open && !response.closed()) {
      response.write(HEARTBEAT.copy());
    }
  }

  @Override
  public boolean isOpen() {
    return open && !response.closed();
  }

  @Override
  public void end() {
    if (open) {
      open = false;
      if (!response.closed() && !response.ended()) {
        response.end();
      }
    }
  }

  private void closed(Handler<SseStream> onClose) {
    if (open) {
      open = false;
      onClose.handle(this);
    }
  }
}
