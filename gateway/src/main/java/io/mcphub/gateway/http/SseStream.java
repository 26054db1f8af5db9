package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.session.ClientStream;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code text/event-stream} response carrying JSON-RPC messages as {@code message} events.
 *
 * <p>Bounded: the response's write queue holds at most {@code hub.streamBufferBytes} (set on every response by
 * {@link HttpLimits}). A write that finds the queue still full — the client stopped reading — ends the stream instead
 * of buffering: the hub logs the loss once, forgets the stream (a session may open a new one) and closes the
 * connection once the client reads what is queued, or at {@code hub.connectionIdleTimeoutMs} if it never does.
 */
final class SseStream implements ClientStream {

  private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);
  private static final Buffer HEARTBEAT = Buffer.buffer(": keep-alive\n\n");

  private final HttpServerResponse response;
  private final Handler<SseStream> onClose;
  private boolean open = true;
  private long written;

  private SseStream(HttpServerResponse response, Handler<SseStream> onClose) {
    this.response = response;
    this.onClose = onClose;
  }

  /**
   * Starts the stream: writes the headers and calls {@code onClose} once when the client goes away or the stream is
   * closed for not being read.
   */
  static SseStream open(HttpServerResponse response, Handler<SseStream> onClose) {
    SseStream stream = new SseStream(response, onClose);
    response.setChunked(true)
        .putHeader("Content-Type", McpHeaders.EVENT_STREAM)
        .putHeader("Cache-Control", "no-cache, no-transform")
        .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(v -> stream.closed());
    response.endHandler(v -> stream.closed());
    response.writeHead();
    return stream;
  }

  /** Writes a named event with raw data (the legacy transport's {@code endpoint} event). */
  void event(String type, String data) {
    send(Buffer.buffer("event: " + type + "\ndata: " + data + "\n\n"));
  }

  @Override
  public boolean write(JsonObject message) {
    String json = JsonRpc.encode(message);
    return send(Buffer.buffer(json.length() + 24).appendString("event: message\ndata: ").appendString(json)
        .appendString("\n\n"));
  }

  @Override
  public void heartbeat() {
    send(HEARTBEAT.copy());
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

  /**
   * Writes unless the stream ended or its client stopped reading. Then the stream closes, and its owner hears of it
   * on a later turn of the context: the write may come from a loop over the owner's streams.
   */
  private boolean send(Buffer event) {
    if (!isOpen() || response.ended()) {
      return false;
    }
    if (response.writeQueueFull()) {
      LOG.warn("closed an SSE stream after {} bytes: its client did not read what the hub had queued (hub.streamBufferBytes);"
          + " undelivered messages are lost", written);
      response.reset();
      open = false;
      Context context = Vertx.currentContext();
      if (context == null) {
        onClose.handle(this);
      } else {
        context.runOnContext(v -> onClose.handle(this));
      }
      return false;
    }
    written += event.length();
    response.write(event);
    return true;
  }

  private void closed() {
    if (open) {
      open = false;
      onClose.handle(this);
    }
  }
}
