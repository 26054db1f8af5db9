package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SseEventParserTest {

  private final List<SseEventParser.Event> events = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  @Test
  void eventsSplitAcrossChunksWithCrlfCommentsAndMultiLineDataAreReassembled() {
    SseEventParser parser = new SseEventParser(events::add, errors::add);
    parser.feed(Buffer.buffer(": keep-alive\r\n\r\nevent: endpoint\r\ndata: /messages?sessionId=1\r\n\r\nda"));
    parser.feed(Buffer.buffer("ta: {\"a\":\ndata: 1}\nid: 7\n"));
    assertThat(events).hasSize(1);
    parser.feed(Buffer.buffer("\n"));
    assertThat(events).containsExactly(
        new SseEventParser.Event("endpoint", "/messages?sessionId=1", null),
        new SseEventParser.Event("message", "{\"a\":\n1}", "7"));
    assertThat(errors).isEmpty();
  }

  @Test
  void theLastEventIdAndRetryAreKeptForResumingEvenFromEventsWithoutData() {
    SseEventParser parser = new SseEventParser(events::add, errors::add);
    assertThat(parser.lastEventId()).isNull();
    assertThat(parser.retryMs()).isEqualTo(-1);
    parser.feed(Buffer.buffer("id: p1\nretry: 500\n\n"));
    assertThat(events).isEmpty();
    assertThat(parser.lastEventId()).isEqualTo("p1");
    assertThat(parser.retryMs()).isEqualTo(500);
    parser.feed(Buffer.buffer("retry: soon\ndata: x\n\nid: p2\ndata: y\n\n"));
    assertThat(events).containsExactly(new SseEventParser.Event("message", "x", "p1"), new SseEventParser.Event("message", "y", "p2"));
    assertThat(parser.retryMs()).isEqualTo(500);
    assertThat(parser.lastEventId()).isEqualTo("p2");
    assertThat(errors).isEmpty();
  }

  @Test
  void aCharacterOrACrlfSplitAcrossChunksIsReassembled() {
    SseEventParser parser = new SseEventParser(events::add, errors::add);
    byte[] stream = "data: {\"t\":\"日本語 🎉 ü\"}\r\n\r\ndata: x\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < stream.length; i++) {
      parser.feed(Buffer.buffer(Arrays.copyOfRange(stream, i, i + 1)));
    }
    assertThat(events).containsExactly(new SseEventParser.Event("message", "{\"t\":\"日本語 🎉 ü\"}", null),
        new SseEventParser.Event("message", "x", null));
    assertThat(errors).isEmpty();
  }

  @Test
  void aBareCarriageReturnInsideARecordEndsALine() {
    SseEventParser parser = new SseEventParser(events::add, errors::add);
    parser.feed(Buffer.buffer("\uFEFFevent: a\rdata: 1\r\rdata: 2\n\n"));
    assertThat(events).containsExactly(new SseEventParser.Event("a", "1", null), new SseEventParser.Event("message", "2", null));
  }

  @Test
  void aFiveMegabyteEventInSmallChunksIsDeliveredWhole() {
    SseEventParser parser = new SseEventParser(events::add, errors::add);
    String big = "{\"data\":\"" + "é".repeat(2_500_000) + "\"}";
    byte[] stream = ("event: message\ndata: " + big + "\n\n").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < stream.length; i += 16 * 1024) {
      parser.feed(Buffer.buffer(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 16 * 1024))));
    }
    assertThat(events).hasSize(1);
    assertThat(events.get(0).data()).isEqualTo(big);
    assertThat(errors).isEmpty();
  }

  @Test
  void aLineOrAnEventOverTheLimitIsRefusedOnceAndTheRestIgnored() {
    SseEventParser parser = new SseEventParser(events::add, errors::add, 100);
    parser.feed(Buffer.buffer("data: " + "x".repeat(60) + "\n"));
    parser.feed(Buffer.buffer("data: " + "y".repeat(60) + "\n\ndata: after\n\n"));
    assertThat(events).isEmpty();
    assertThat(errors).containsExactly("an SSE event larger than 100 bytes");

    List<String> lineErrors = new ArrayList<>();
    SseEventParser lines = new SseEventParser(events::add, lineErrors::add, 100);
    lines.feed(Buffer.buffer("data: " + "z".repeat(150)));
    lines.feed(Buffer.buffer("z".repeat(150)));
    lines.feed(Buffer.buffer("\n\ndata: after\n\n"));
    assertThat(lineErrors).containsExactly("an SSE line longer than 100 bytes");
    assertThat(events).isEmpty();
  }
}
