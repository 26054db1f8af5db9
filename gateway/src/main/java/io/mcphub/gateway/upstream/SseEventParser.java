package io.mcphub.gateway.upstream;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;

/**
 * Incremental parser of a {@code text/event-stream} body: feed it chunks as they arrive, it emits one {@link Event} per
 * blank-line-terminated event with data (comments and unknown fields ignored). It also keeps what a client needs to
 * resume the stream: the last event id (set by every {@code id} field, kept across events, as the spec's "last event ID
 * buffer") and the reconnection time the server asked for ({@code retry}). Lines are framed by Vert.x's
 * {@link RecordParser} on {@code \n} (each byte scanned once; characters and CR/LF split across chunks reassembled);
 * a {@code \r} before the {@code \n} or inside a record also ends a line. An event whose data exceeds the limit, or a
 * line longer than it, is refused: the error handler is told once and the parser ignores the rest of the stream.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">event stream interpretation</a>
 */
final class SseEventParser {

  /** One server-sent event; {@code type} defaults to {@code message}; {@code id} is the last event id at its dispatch. */
  record Event(String type, String data, String id) {
  }

  /** The largest event (its data) or line accepted from an upstream: 64 MiB. */
  static final int MAX_EVENT_BYTES = 64 * 1024 * 1024;
  private static final Buffer NEWLINE = Buffer.buffer(new byte[] {'\n'});

  private final Handler<Event> handler;
  private final Handler<String> errorHandler;
  private final int maxEventBytes;
  private final RecordParser lines;
  private final StringBuilder data = new StringBuilder();
  private long dataBytes;
  private String type;
  private String id;
  private long retryMs = -1;
  private boolean hasData;
  private boolean started;
  private boolean failed;

  /**
   * @param errorHandler told (once) why the stream was refused; the owner treats the connection as broken
   */
  SseEventParser(Handler<Event> handler, Handler<String> errorHandler) {
    this(handler, errorHandler, MAX_EVENT_BYTES);
  }

  SseEventParser(Handler<Event> handler, Handler<String> errorHandler, int maxEventBytes) {
    this.handler = handler;
    this.errorHandler = errorHandler;
    this.maxEventBytes = maxEventBytes;
    this.lines = RecordParser.newDelimited(NEWLINE, this::record).maxRecordSize(maxEventBytes);
    this.lines.exceptionHandler(error -> fail("an SSE line longer than " + maxEventBytes + " bytes"));
  }

  void feed(Buffer chunk) {
    if (!failed) {
      lines.handle(chunk);
    }
  }

  private void record(Buffer record) {
    if (failed) {
      return;
    }
    if (record.length() > maxEventBytes) {
      fail("an SSE line longer than " + maxEventBytes + " bytes");
      return;
    }
    String text = record.toString(StandardCharsets.UTF_8);
    if (!started) {
      started = true;
      text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
    int start = 0;
    for (int cr = text.indexOf('\r'); cr >= 0 && !failed; cr = text.indexOf('\r', start)) {
      line(text.substring(start, cr));
      start = cr + 1;
    }
    if (!failed && (start < text.length() || start == 0)) {
      line(text.substring(start));
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
      case "data" -> appendData(value);
      case "event" -> type = value;
      case "id" -> id = value.indexOf('\0') < 0 ? value : id;
      case "retry" -> retryMs = value.matches("\\d{1,9}") ? Long.parseLong(value) : retryMs;
      default -> {
        // unknown fields are ignored
      }
    }
  }

  private void appendData(String value) {
    dataBytes += value.length() + 1L;
    if (dataBytes > maxEventBytes) {
      fail("an SSE event larger than " + maxEventBytes + " bytes");
      return;
    }
    if (hasData) {
      data.append('\n');
    }
    data.append(value);
    hasData = true;
  }

  private void dispatch() {
    if (hasData) {
      handler.handle(new Event(type == null || type.isEmpty() ? "message" : type, data.toString(), id));
    }
    data.setLength(0);
    dataBytes = 0;
    hasData = false;
    type = null;
  }

  /** The id to send as {@code Last-Event-ID} when resuming this stream; null when the server gave none. */
  String lastEventId() {
    return id == null || id.isEmpty() ? null : id;
  }

  /** The reconnection time the server asked for with {@code retry}, in ms; -1 when it did not. */
  long retryMs() {
    return retryMs;
  }

  private void fail(String problem) {
    if (!failed) {
      failed = true;
      data.setLength(0);
      errorHandler.handle(problem);
    }
  }
}
