package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A stdio server that writes a line over the limit breaks its connection: the call fails at once, the server restarts. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StdioLineLimitTest {

  @Test
  void aStdoutLineOverTheLimitFailsTheCallAndRestartsTheServer() throws Exception {
    JsonObject huge = TestHub.fixture("huge");
    huge.put("args", new JsonArray().add(TestHub.FIXTURE.toString()).add("huge")
        .add("--huge-echo=" + (StdioTransport.MAX_LINE_BYTES + 1_024)));
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("huge", huge)));
        McpSyncClient client = hub.client()) {
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("huge__echo", Map.of("text", "x"))))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("upstream server 'huge' disconnected")
          .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32000));
      Await.until(() -> hub.<Integer>onHub(h -> h.upstream("huge").restarts()) >= 1
          && hub.onHub(h -> h.upstream("huge").state()) == UpstreamState.CONNECTED);
    }
  }
}
