package io.mcphub.gateway.upstream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated UTF-8 lines (a trailing {@code \r} dropped) from a blocking stream, framed by Vert.x's
 * {@link RecordParser}: each chunk is scanned once, a character or a CR/LF split across chunks is reassembled, and a
 * line longer than the limit ends the read with {@link LineTooLongException} instead of growing memory without bound.
 * Runs on the caller's (dedicated) thread; blank lines are skipped.
 */
final class LineReader {

  /** What a reader does with each line. */
  @FunctionalInterface
  interface Sink {
    void line(String line);
  }

  /** A line exceeded the limit: the stream's framing can no longer be trusted. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int limit) {
      super("a line longer than " + limit + " bytes");
    }
  }

  private static final int CHUNK_BYTES = 64 * 1024;
  private static final Buffer NEWLINE = Buffer.buffer(new byte[] {'\n'});

  private final InputStream in;
  private final int maxLineBytes;
  private boolean tooLong;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Reads until end of stream (a last line without {@code \n} included), handing each line to {@code sink}. */
  void readAll(Sink sink) throws IOException {
    RecordParser parser = RecordParser.newDelimited(NEWLINE, record -> emit(record, sink)).maxRecordSize(maxLineBytes);
    parser.exceptionHandler(error -> tooLong = true);
    byte[] chunk = new byte[CHUNK_BYTES];
    int read;
    while ((read = in.read(chunk)) >= 0) {
      if (read > 0) {
        parser.handle(Buffer.buffer(Arrays.copyOf(chunk, read)));
      }
      if (tooLong) {
        throw new LineTooLongException(maxLineBytes);
      }
    }
    parser.handle(NEWLINE);
    if (tooLong) {
      throw new LineTooLongException(maxLineBytes);
    }
  }

  private void emit(Buffer record, Sink sink) {
    if (tooLong) {
      return;
    }
    if (record.length() > maxLineBytes) {
      tooLong = true;
      return;
    }
    int end = record.length() > 0 && record.getByte(record.length() - 1) == '\r' ? record.length() - 1 : record.length();
    if (end > 0) {
      sink.line(record.getString(0, end, StandardCharsets.UTF_8.name()));
    }
  }
}
