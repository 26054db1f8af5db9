package io.mcphub.gateway.upstream;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental parser of a {@code text/event-stream} body: feed it chunks as they arrive, it emits one
 * {@link Event} per blank-line-terminated event (comments and retry fields ignored).
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">event stream interpretation</a>
 */
final class SseEventParser {

  /** One server-sent event; {@code type} defaults to {@code message}. */
  record Event(String type, String data, String id) {
  }

  private static final int MAX_EVENT_CHARS = 64 * 1024 * 1024;

  private final Handler<Event> handler;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private String type;
  private String id;
  private boolean hasData;

  SseEventParser(Handler<Event> handler) {
    this.handler = handler;
  }

  void feed(Buffer chunk) {
    pending.append(chunk.toString(StandardCharsets.UTF_8));
    int start = 0;
    for (int i = 0; i < pending.length(); i++) {
      char c = pending.charAt(i);
      if (c == '\n' || c == '\r') {
        line(pending.substring(start, i));
        if (c == '\r' && i + 1 < pending.length() && pending.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    pending.delete(0, start);
    if (pending.length() + data.length() > MAX_EVENT_CHARS) {
      pending.setLength(0);
      reset();
    }
  }

  private void line(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1);
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> type = value;
      case "id" -> id = value;
      default -> {
        // retry and unknown fields are ignored
      }
    }
  }

  private void dispatch() {
    if (hasData) {
      handler.handle(new Event(type == null || type.isEmpty() ? "message" : type, data.toString(), id));
    }
    reset();
  }

  private void reset() {
    data.setLength(0);
    hasData = false;
    type = null;
    id = null;
  }
}
