package io.mcphub.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a request span is named and records: names only, cut to a bound whatever length the client sends. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class McpSpanTest {

  @Test
  void aToolCallIsNamedAfterItsToolAndNeverAfterItsArguments() {
    McpSpan span = McpSpan.of("tools/call", new JsonObject().put("name", "fx__echo")
        .put("arguments", new JsonObject().put("text", "secret")), "h-1", 7);
    assertThat(span.spanName()).isEqualTo("tools/call fx__echo");
    assertThat(span).isEqualTo(new McpSpan("tools/call", "fx__echo", null, "h-1", "7"));
    assertThat(McpSpan.of("tools/list", new JsonObject(), "h-1", "a").spanName()).isEqualTo("tools/list");
    assertThat(McpSpan.of("resources/read", new JsonObject().put("uri", "file:///a"), "h-1", 1).resourceUri())
        .isEqualTo("file:///a");
  }

  @Test
  void clientChosenNamesAndUrisAreCut() {
    McpSpan span = McpSpan.of("tools/call", new JsonObject().put("name", "t".repeat(100_000)), "h-1", "i".repeat(10_000));
    assertThat(span.target()).hasSize(McpSpan.MAX_NAME_LENGTH);
    assertThat(span.requestId()).hasSize(McpSpan.MAX_NAME_LENGTH);
    assertThat(McpSpan.of("resources/read", new JsonObject().put("uri", "u".repeat(100_000)), "h-1", 1).resourceUri())
        .hasSize(McpSpan.MAX_URI_LENGTH);
  }
}
