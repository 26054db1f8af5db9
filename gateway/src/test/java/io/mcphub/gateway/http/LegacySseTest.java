package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Older clients on the deprecated HTTP+SSE transport get the same hub at {@code /sse}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LegacySseTest {

  @Test
  void anSseClientListsAndCallsToolsAndItsSessionEndsWithItsStream() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))))) {
      HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(hub.baseUrl()).sseEndpoint("/sse").build();
      try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
        client.initialize();
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("fx__echo");
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("fx__echo", Map.of("text", "old school")));
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("echo: old school");
        int sessions = hub.onHub(h -> h.sessions().size());
        assertThat(sessions).isEqualTo(1);
      }
      long deadline = System.currentTimeMillis() + 5_000;
      while (hub.<Integer>onHub(h -> h.sessions().size()) > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      int left = hub.onHub(h -> h.sessions().size());
      assertThat(left).isZero();
    }
  }

  @Test
  void messagesWithoutOrWithAnUnknownSessionAreRefused() {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()))) {
      RawMcp messages = new RawMcp(hub.baseUrl() + "/messages");
      assertThat(messages.post("{}", Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(400);
      RawMcp unknown = new RawMcp(hub.baseUrl() + "/messages?sessionId=nope");
      assertThat(unknown.post("{}", Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(404);
    }
  }
}
