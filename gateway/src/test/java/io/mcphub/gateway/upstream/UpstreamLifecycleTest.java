package io.mcphub.gateway.upstream;

import io.mcphub.gateway.support.Blocking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Upstream servers crash, hang, get cancelled and fail to start; clients never hang and the hub recovers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamLifecycleTest {

  @Test
  void aCrashFailsInFlightCallsAtOnceDropsItsToolsAndTheRestartBringsThemBack() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()
        .put("fx", TestHub.fixture("fx")).put("steady", TestHub.fixture("steady"))))) {
      List<List<String>> lists = new CopyOnWriteArrayList<>();
      try (McpSyncClient watcher = hub.client(spec -> spec.toolsChangeConsumer(
              tools -> lists.add(tools.stream().map(McpSchema.Tool::name).toList())));
          McpSyncClient caller = hub.client()) {
        CompletableFuture<McpSchema.CallToolResult> sleeping = Blocking.supply(
            () -> caller.callTool(new McpSchema.CallToolRequest("fx__sleep", Map.of("ms", 20_000))));
        Thread.sleep(200);
        long start = System.nanoTime();
        assertThatThrownBy(() -> caller.callTool(new McpSchema.CallToolRequest("fx__crash", Map.of())))
            .isInstanceOf(McpError.class)
            .hasMessageContaining("upstream server 'fx' disconnected");
        assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS))
            .hasCauseInstanceOf(McpError.class)
            .hasMessageContaining("upstream server 'fx' disconnected");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);

        Await.until(() -> lists.stream().anyMatch(names -> names.stream().noneMatch(n -> n.startsWith("fx__"))));
        Await.until(() -> hub.onHub(h -> h.upstream("fx").state()) == UpstreamState.CONNECTED);
        assertThat(caller.listTools().tools()).extracting(McpSchema.Tool::name).contains("fx__echo", "steady__echo");
        assertThat(caller.callTool(new McpSchema.CallToolRequest("fx__echo", Map.of("text", "back"))).content())
            .hasSize(1);
        int restarts = hub.onHub(h -> h.upstream("fx").restarts());
        assertThat(restarts).isEqualTo(1);
        Await.until(() -> !lists.isEmpty() && lists.get(lists.size() - 1).contains("fx__echo"));
      }
    }
  }

  @Test
  void aSlowUpstreamTimesOutWithAnErrorNamingItAndIsToldToCancelWithItsOwnId() {
    JsonObject slow = TestHub.fixture("slow").put("timeout", 300);
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("slow", slow)));
        McpSyncClient client = hub.client()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("slow__sleep", Map.of("ms", 5_000))))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("upstream server 'slow' did not answer tools/call within 300 ms")
          .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32001));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
      String cancelled = Results.text(client.callTool(new McpSchema.CallToolRequest("slow__last_cancelled", Map.of())));
      assertThat(cancelled).matches("\\d+");
    }
  }

  @Test
  void aClientCancellationIsForwardedWithTheHubsRequestIdNotTheClientsAndTheCancelledRequestGetsNoResponse() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))))) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      String call = new JsonObject().put("jsonrpc", "2.0").put("id", "client-abc").put("method", "tools/call")
          .put("params", new JsonObject().put("name", "fx__sleep").put("arguments", new JsonObject().put("ms", 20_000))).encode();
      CompletableFuture<HttpResponse<String>> pending = Blocking.supply(
          () -> raw.post(call, Map.of("Content-Type", "application/json", "Accept", "application/json", "Mcp-Session-Id", session)));
      Thread.sleep(300);
      String cancel = new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/cancelled")
          .put("params", new JsonObject().put("requestId", "client-abc").put("reason", "user pressed stop")).encode();
      assertThat(raw.post(cancel, RawMcp.headers(session)).statusCode()).isEqualTo(202);

      // cancellation spec: the receiver SHOULD NOT send a response for the cancelled request; the POST just ends
      HttpResponse<String> answered = pending.get(5, TimeUnit.SECONDS);
      assertThat(answered.statusCode()).isEqualTo(202);
      assertThat(answered.body()).isEmpty();
      JsonObject seen = raw.call(session, "tools/call", new JsonObject().put("name", "fx__last_cancelled"));
      String upstreamSaw = seen.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text");
      assertThat(upstreamSaw).matches("\\d+").isNotEqualTo("\"client-abc\"");
    }
  }

  @Test
  void aServerThatCannotStartDoesNotStopTheHubAndIsRetried() throws Exception {
    JsonObject broken = new JsonObject().put("command", "/nonexistent/mcp-server");
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()
        .put("broken", broken).put("fx", TestHub.fixture("fx"))));
        McpSyncClient client = hub.client()) {
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("fx__echo")
          .noneMatch(name -> name.startsWith("broken__"));
      String lastError = hub.onHub(h -> h.upstream("broken").lastError());
      assertThat(lastError).contains("cannot start '/nonexistent/mcp-server'");
      Await.until(() -> hub.<Integer>onHub(h -> h.upstream("broken").restarts()) >= 2);

      HttpResponse<String> health = new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of());
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("\"upstream:broken\"").contains("cannot start");
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("broken__anything", Map.of())))
          .hasMessageContaining("upstream server 'broken' is restarting").hasMessageContaining("retry")
          .hasMessageNotContaining("/nonexistent")
          .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32000));
    }
  }

}
