package io.mcphub.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated UTF-8 lines from a stream with a length limit: a longer line is skipped
 * (and reported) instead of growing memory without bound.
 */
final class LineReader {

  /** What a reader does with each line. */
  interface Sink {
    void line(String line);

    void oversized(int limit);
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[64 * 1024];
  private byte[] line = new byte[8 * 1024];
  private int length;
  private boolean skipping;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Reads until end of stream, handing each line to {@code sink}. */
  void readAll(Sink sink) throws IOException {
    int read;
    while ((read = in.read(chunk)) >= 0) {
      int start = 0;
      for (int i = 0; i < read; i++) {
        if (chunk[i] == '\n') {
          append(chunk, start, i - start, sink);
          emit(sink);
          start = i + 1;
        }
      }
      append(chunk, start, read - start, sink);
    }
    if (length > 0 && !skipping) {
      emit(sink);
    }
  }

  private void append(byte[] source, int offset, int count, Sink sink) {
    if (skipping || count == 0) {
      return;
    }
    if (length + count > maxLineBytes) {
      skipping = true;
      length = 0;
      sink.oversized(maxLineBytes);
      return;
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(source, offset, line, length, count);
    length += count;
  }

  private void emit(Sink sink) {
    if (!skipping) {
      int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
      if (end > 0) {
        sink.line(new String(line, 0, end, StandardCharsets.UTF_8));
      }
    }
    skipping = false;
    length = 0;
  }
}
