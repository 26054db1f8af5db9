package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

  @Test
  void eventsSplitAcrossChunksWithCrlfCommentsAndMultiLineDataAreReassembled() {
    List<SseEventParser.Event> events = new ArrayList<>();
    SseEventParser parser = new SseEventParser(events::add);
    parser.feed(Buffer.buffer(": keep-alive\r\n\r\nevent: endpoint\r\ndata: /messages?sessionId=1\r\n\r\nda"));
    parser.feed(Buffer.buffer("ta: {\"a\":\ndata: 1}\nid: 7\n"));
    assertThat(events).hasSize(1);
    parser.feed(Buffer.buffer("\n"));
    assertThat(events).containsExactly(
        new SseEventParser.Event("endpoint", "/messages?sessionId=1", null),
        new SseEventParser.Event("message", "{\"a\":\n1}", "7"));
  }
}
