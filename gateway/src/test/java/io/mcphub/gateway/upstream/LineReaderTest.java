package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LineReaderTest {

  @Test
  void linesAreSplitCrlfDroppedBlankLinesSkippedAndTheLastLineWithoutNewlineKept() throws IOException {
    String input = "{\"a\":1}\r\n\n{\"ü\":2}\nlast-without-newline";
    assertThat(read(new ByteArrayInputStream(bytes(input)), 1_000)).containsExactly("{\"a\":1}", "{\"ü\":2}", "last-without-newline");
  }

  @Test
  void charactersAndCrlfSplitAcrossReadsAreReassembled() throws IOException {
    String input = "{\"text\":\"naïve — 日本語 🎉\"}\r\n{\"b\":\"ß\"}\r\n";
    assertThat(read(new Trickle(bytes(input), 1), 1_000)).containsExactly("{\"text\":\"naïve — 日本語 🎉\"}", "{\"b\":\"ß\"}");
    assertThat(read(new Trickle(bytes(input), 3), 1_000)).containsExactly("{\"text\":\"naïve — 日本語 🎉\"}", "{\"b\":\"ß\"}");
  }

  @Test
  void aFiveMegabyteLineArrivingInSmallReadsIsDeliveredWhole() throws IOException {
    String big = "{\"data\":\"" + "é".repeat(2_500_000) + "\"}";
    List<String> lines = read(new Trickle(bytes(big + "\n{\"next\":1}\n"), 8 * 1024), 64 * 1024 * 1024);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(big);
    assertThat(lines.get(1)).isEqualTo("{\"next\":1}");
  }

  @Test
  void aLineOverTheLimitEndsTheReadWithAClearErrorWhetherItEndsInTheChunkOrNot() {
    List<String> lines = new ArrayList<>();
    assertThatThrownBy(() -> new LineReader(new ByteArrayInputStream(bytes("ok\n" + "x".repeat(100) + "\nlater\n")), 50)
        .readAll(lines::add))
        .isInstanceOf(LineReader.LineTooLongException.class).hasMessage("a line longer than 50 bytes");
    assertThat(lines).containsExactly("ok");
    assertThatThrownBy(() -> new LineReader(new Trickle(bytes("x".repeat(10_000)), 7), 50).readAll(line -> { }))
        .isInstanceOf(LineReader.LineTooLongException.class);
  }

  private static List<String> read(InputStream in, int limit) throws IOException {
    List<String> lines = new ArrayList<>();
    new LineReader(in, limit).readAll(lines::add);
    return lines;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A stream that hands out at most {@code step} bytes per read, as a pipe may. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final int step;
    private int pos;

    Trickle(byte[] data, int step) {
      this.data = data;
      this.step = step;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, step), data.length - pos);
      System.arraycopy(data, pos, target, offset, n);
      pos += n;
      return n;
    }
  }
}
