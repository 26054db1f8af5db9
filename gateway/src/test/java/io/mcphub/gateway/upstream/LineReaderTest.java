package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  @Test
  void linesAreSplitAndAnOverlongLineIsSkippedWithoutLosingTheNextOne() throws IOException {
    String input = "{\"a\":1}\r\n" + "x".repeat(100) + "\n{\"ü\":2}\nlast-without-newline";
    List<String> lines = new ArrayList<>();
    List<Integer> oversized = new ArrayList<>();
    new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 50).readAll(new LineReader.Sink() {
      @Override
      public void line(String line) {
        lines.add(line);
      }

      @Override
      public void oversized(int limit) {
        oversized.add(limit);
      }
    });
    assertThat(lines).containsExactly("{\"a\":1}", "{\"ü\":2}", "last-without-newline");
    assertThat(oversized).containsExactly(50);
  }
}
