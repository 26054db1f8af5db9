package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.ModernMcp;
import io.mcphub.gateway.support.NodeServer;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub as an MCP 2026-07-28 client of its upstreams: a real v2-SDK server ({@code modern-server.mjs}) in
 * modern-only and dual-era modes, the hub in-process, and a real 2025 client (the Java SDK) in front.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ModernUpstreamTest {

  @Test
  void aModernOnlyServerIsConnectedSessionlessListedAndCalled() throws Exception {
    try (NodeServer modern = NodeServer.modern("modern");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("m", new JsonObject().put("url", modern.url("/mcp")))));
        McpSyncClient client = hub.client()) {
      assertThat(hub.<UpstreamState>onHub(h -> h.upstream("m").state())).isEqualTo(UpstreamState.CONNECTED);
      assertThat(hub.<String>onHub(h -> h.upstream("m").protocolVersion())).isEqualTo(Modern.V2026_07_28);
      assertThat(hub.<Integer>onHub(h -> h.upstream("m").restarts())).isZero();
      assertThat(hub.<String>onHub(h -> h.upstream("m").catalog().serverInfo().getString("name"))).isEqualTo("modern-fixture-modern");
      assertThat(hub.<String>onHub(h -> h.upstream("m").catalog().instructions())).contains("2026-07-28");

      assertThat(toolNames(client)).contains("m__echo", "m__modern_only", "m__confirm", "m__regional")
          .doesNotContain("m__bad_header");
      assertThat(call(client, "m__echo", Map.of("text", "hello"))).isEqualTo("echo: hello");
      // the server refuses this call (-32020) unless the hub mirrors the x-mcp-header parameter as Mcp-Param-Region
      assertThat(call(client, "m__regional", Map.of("region", "eu-west", "query", "q"))).isEqualTo("region eu-west");

      String health = new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of()).body();
      assertThat(health).contains("\"protocol\":\"" + Modern.V2026_07_28 + "\"");
      JsonObject servers = new JsonObject(new RawMcp(hub.baseUrl() + "/api/servers").request("GET", Map.of()).body());
      assertThat(servers.getJsonArray("servers").getJsonObject(0).getString("protocolVersion")).isEqualTo(Modern.V2026_07_28);
    }
  }

  @Test
  void aDualEraServerShowsTheToolsOfItsModernPath() throws Exception {
    try (NodeServer dual = NodeServer.modern("dual");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("d", new JsonObject().put("url", dual.url("/mcp")))));
        McpSyncClient client = hub.client()) {
      assertThat(toolNames(client)).contains("d__echo", "d__modern_only");
      assertThat(call(client, "d__modern_only", Map.of())).isEqualTo("modern only");
      assertThat(hub.<String>onHub(h -> h.upstream("d").protocolVersion())).isEqualTo(Modern.V2026_07_28);
    }
  }

  @Test
  void aListChangeOnTheListenStreamReachesTheCatalog() throws Exception {
    try (NodeServer modern = NodeServer.modern("modern");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("m", new JsonObject().put("url", modern.url("/mcp")))));
        McpSyncClient client = hub.client()) {
      assertThat(toolNames(client)).doesNotContain("m__extra_1");
      assertThat(call(client, "m__add_tool", Map.of())).isEqualTo("added extra_1");
      Await.until(() -> toolNames(client).contains("m__extra_1"));
      assertThat(call(client, "m__extra_1", Map.of())).isEqualTo("extra 1");
    }
  }

  @Test
  void aListenStreamThatEndsIsReopenedAndWhatChangedMeanwhileIsListed() throws Exception {
    try (NodeServer modern = NodeServer.modern("modern");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("m", new JsonObject().put("url", modern.url("/mcp")))));
        McpSyncClient client = hub.client()) {
      // the server adds a tool without a notification and drops the listen stream; the re-opened stream catches up
      assertThat(call(client, "m__quiet_change", Map.of())).isEqualTo("quietly added extra_1");
      Await.until(() -> toolNames(client).contains("m__extra_1"));
      assertThat(call(client, "m__add_tool", Map.of())).isEqualTo("added extra_2");
      Await.until(() -> toolNames(client).contains("m__extra_2"));
    }
  }

  @Test
  void aLegacyClientAnswersTheUpstreamsInputRequestAndTheCallCompletes() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    try (NodeServer modern = NodeServer.modern("modern");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("m", new JsonObject().put("url", modern.url("/mcp")))));
        McpSyncClient client = hub.client(spec -> spec.elicitation(request -> {
          asked.add(request.message());
          return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true));
        }))) {
      // the upstream answers input_required; the hub relays its elicitation and retries with the answer and requestState
      assertThat(call(client, "m__confirm", Map.of("what", "deploy"))).isEqualTo("confirmed deploy (state round-1:deploy)");
      assertThat(asked).containsExactly("Really deploy?");
    }
  }

  @Test
  void aLegacyClientWithoutElicitationGetsAClearError() throws Exception {
    try (NodeServer modern = NodeServer.modern("modern");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("m", new JsonObject().put("url", modern.url("/mcp")))));
        McpSyncClient client = hub.client()) {
      assertThatThrownBy(() -> call(client, "m__confirm", Map.of("what", "deploy")))
          .isInstanceOf(McpError.class).hasMessageContaining("elicitation/create");
      assertThat(call(client, "m__echo", Map.of("text", "still fine"))).isEqualTo("echo: still fine");
    }
  }

  @Test
  void anInputRequiredResultPassesThroughToAClientThatTakesItAndItsRetryReachesTheUpstreamUntouched() throws Exception {
    try (NodeServer modern = NodeServer.modern("modern");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("m", new JsonObject().put("url", modern.url("/mcp")))))) {
      RequestOrigin modernClient = new RequestOrigin() {
        @Override
        public String clientId() {
          return "a-2026-client";
        }

        @Override
        public void notify(JsonObject notification) {
        }

        @Override
        public Future<JsonObject> request(String method, JsonObject params) {
          return Future.failedFuture(new IllegalStateException("a modern client is never sent " + method));
        }

        @Override
        public boolean acceptsInputRequired() {
          return true;
        }
      };
      JsonObject params = new JsonObject().put("name", "confirm").put("arguments", new JsonObject().put("what", "ship"));
      JsonObject first = TestHub.await(hub.<Future<JsonObject>>onHub(
          h -> h.upstream("m").call(McpMethods.TOOLS_CALL, params.copy(), modernClient).result()));
      assertThat(first.getString("resultType")).isEqualTo("input_required");
      assertThat(first.getString("requestState")).isEqualTo("round-1:ship");
      assertThat(first.getJsonObject("inputRequests").getJsonObject("confirm").getString("method")).isEqualTo(McpMethods.ELICITATION_CREATE);

      // the client's retry, through the hub's own tools/call, keeps inputResponses and requestState for the upstream
      JsonObject retry = new JsonObject().put("name", "m__confirm").put("arguments", new JsonObject().put("what", "ship"))
          .put("inputResponses", new JsonObject().put("confirm",
              new JsonObject().put("action", "accept").put("content", new JsonObject().put("confirm", true))))
          .put("requestState", first.getString("requestState"));
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize(ProtocolVersions.V2025_11_25);
      JsonObject answer = raw.call(session, McpMethods.TOOLS_CALL, retry);
      assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
          .isEqualTo("confirmed ship (state round-1:ship)");
    }
  }

  @Test
  void aModernClientCompletesAModernUpstreamsInputRoundsThroughHubCallTool() throws Exception {
    JsonObject config = TestHub.config(new JsonObject().put("m", new JsonObject().put("url", "URL")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
    try (NodeServer modern = NodeServer.modern("modern")) {
      config.getJsonObject("mcpServers").getJsonObject("m").put("url", modern.url("/mcp"));
      try (TestHub hub = TestHub.start(config)) {
        JsonObject elicitation = new JsonObject().put("elicitation", new JsonObject());
        JsonObject call = new JsonObject().put("name", "hub__call_tool").put("arguments", new JsonObject()
            .put("name", "m__confirm").put("arguments", new JsonObject().put("what", "ship")));
        JsonObject first = modernCall(hub, call.copy(), elicitation);
        assertThat(first.getString("resultType")).as(first.encode()).isEqualTo("input_required");
        assertThat(first.getString("requestState")).as("the upstream's own state, untouched").isEqualTo("round-1:ship");
        JsonObject retry = call.copy().put("inputResponses", new JsonObject().put("confirm",
            new JsonObject().put("action", "accept").put("content", new JsonObject().put("confirm", true))))
            .put("requestState", first.getString("requestState"));
        JsonObject done = modernCall(hub, retry, elicitation);
        assertThat(done.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("confirmed ship (state round-1:ship)");
        // called by name outside its list: the answer points at hub__call_tool, since no analysis can change this list
        JsonObject direct = ModernMcp.meta(new JsonObject().put("name", "m__echo").put("arguments", new JsonObject()), elicitation);
        JsonObject refused = new JsonObject(ModernMcp.send(ModernMcp.post(hub.mcpUrl(), ModernMcp.message(McpMethods.TOOLS_CALL,
            direct), ModernMcp.headers(McpMethods.TOOLS_CALL, "m__echo"))).body());
        assertThat(refused.getJsonObject("error").getString("message")).contains("never changes").contains("hub__call_tool");
      }
    }
  }

  private static JsonObject modernCall(TestHub hub, JsonObject params, JsonObject capabilities) {
    JsonObject message = ModernMcp.message(McpMethods.TOOLS_CALL,
        ModernMcp.meta(params, capabilities));
    String body = ModernMcp.send(ModernMcp.post(hub.mcpUrl(), message,
        ModernMcp.headers(McpMethods.TOOLS_CALL, "hub__call_tool"))).body();
    JsonObject answer = new JsonObject(body.startsWith("{") ? body
        : body.lines().filter(line -> line.startsWith("data:")).reduce((a, b) -> b).orElseThrow().substring(5).strip());
    assertThat(answer.containsKey("result")).as(body).isTrue();
    return answer.getJsonObject("result");
  }

  @Test
  void anInitializeRefusedWithAModernVersionSwitchesToTheModernPath() throws Exception {
    // the first server/discover probe fails (plain 404), so the hub initializes; the -32022 names 2026-07-28
    try (NodeServer shy = NodeServer.modern("shy");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("s", new JsonObject().put("url", shy.url("/mcp")))));
        McpSyncClient client = hub.client()) {
      assertThat(hub.<UpstreamState>onHub(h -> h.upstream("s").state())).isEqualTo(UpstreamState.CONNECTED);
      assertThat(hub.<String>onHub(h -> h.upstream("s").protocolVersion())).isEqualTo(Modern.V2026_07_28);
      assertThat(hub.<Integer>onHub(h -> h.upstream("s").restarts())).isZero();
      assertThat(call(client, "s__modern_only", Map.of())).isEqualTo("modern only");
    }
  }

  @Test
  void aCallTheHubGivesUpOnClosesItsResponseStream() throws Exception {
    try (NodeServer modern = NodeServer.modern("modern");
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("m",
            new JsonObject().put("url", modern.url("/mcp")).put("timeout", 1_500))));
        McpSyncClient client = hub.client()) {
      assertThat(call(client, "m__aborted", Map.of())).isEqualTo("aborted 0");
      assertThatThrownBy(() -> call(client, "m__slow", Map.of())).isInstanceOf(McpError.class);
      // 2026-07-28 has no notifications/cancelled on HTTP: the server learns of the cancel by the closed connection
      Await.until(() -> call(client, "m__aborted", Map.of()).equals("aborted 1"));
    }
  }

  private static List<String> toolNames(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  private static String call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return Results.text(client.callTool(new McpSchema.CallToolRequest(tool, arguments)));
  }
}
