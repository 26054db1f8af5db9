package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /metrics} is Prometheus text with the HTTP server's metrics and the hub's own. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {

  @Test
  void analysesExposureUpstreamCallsAndSessionsAreMeasured() {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "memory")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
    try (TestHub hub = TestHub.start(config); McpSyncClient client = hub.client()) {
      client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", "Remember that I like tea")));
      client.callTool(new McpSchema.CallToolRequest("fx__echo", Map.of("text", "hi")));
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> client.callTool(new McpSchema.CallToolRequest("fx__rpc_error", Map.of()))).hasMessageContaining("fixture refused");
      String metrics = new RawMcp(hub.baseUrl() + "/metrics").request("GET", Map.of()).body();
      assertThat(metrics)
          .contains("mcp_hub_analyze_seconds_bucket{source=\"heuristic\"")
          .contains("mcp_hub_exposure_updates_total 1.0")
          .contains("mcp_hub_upstream_calls_seconds_count{method=\"tools/call\",outcome=\"ok\",server=\"fx\"} 1")
          .contains("mcp_hub_upstream_calls_seconds_count{method=\"tools/call\",outcome=\"error\",server=\"fx\"} 1")
          .contains("mcp_hub_sessions_active 1.0")
          .contains("vertx_http_server_requests_total");
    }
  }

  @Test
  void theHttpServerMetricsCanBeTurnedOffKeepingTheHubsOwn() {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")));
    try (TestHub hub = TestHub.start(config, name -> "MCP_HUB_HTTP_METRICS".equals(name) ? "off" : System.getenv(name));
        McpSyncClient client = hub.client()) {
      client.callTool(new McpSchema.CallToolRequest("fx__echo", Map.of("text", "hi")));
      String metrics = new RawMcp(hub.baseUrl() + "/metrics").request("GET", Map.of()).body();
      assertThat(metrics)
          .contains("mcp_hub_upstream_calls_seconds_count{method=\"tools/call\",outcome=\"ok\",server=\"fx\"} 1")
          .contains("mcp_hub_sessions_active 1.0")
          .doesNotContain("vertx_http_server_requests_total");
    }
  }

  @Test
  void metricsCanBeProtectedByTheAuthTokens() {
    JsonObject config = TestHub.config(new JsonObject()).put("hub", new JsonObject().put("auth", new JsonObject()
        .put("tokens", new JsonArray().add("metrics-token-123456")).put("protectMetrics", true)));
    try (TestHub hub = TestHub.start(config)) {
      assertThat(new RawMcp(hub.baseUrl() + "/metrics").request("GET", Map.of()).statusCode()).isEqualTo(401);
      assertThat(new RawMcp(hub.baseUrl() + "/metrics").request("GET", Map.of("Authorization", "Bearer metrics-token-123456"))
          .statusCode()).isEqualTo(200);
    }
  }
}
