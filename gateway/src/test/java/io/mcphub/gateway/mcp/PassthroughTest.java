package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub as a transparent gateway: the official Java SDK client talks to the hub, which fronts two real
 * stdio servers (our fixture and server-everything). Everything an MCP server can say passes through.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PassthroughTest {

  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    JsonObject fixture = TestHub.fixture("fx").put("env", new JsonObject().put("FIXTURE_TOKEN", "configured"));
    hub = TestHub.start(TestHub.config(new JsonObject()
            .put("fx", fixture)
            .put("everything", TestHub.reference("server-everything"))),
        name -> "HUB_ONLY_SECRET".equals(name) ? "must-not-leak" : System.getenv(name));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void listsEveryToolOfEveryServerUnderNamespacedNamesFollowingPagination() {
    try (McpSyncClient client = hub.client()) {
      List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      // the fixture pages its tools two at a time: all of them arrive
      assertThat(names).filteredOn(name -> name.startsWith("fx__")).hasSize(TestHub.FIXTURE_TOOLS);
      assertThat(names).contains("fx__echo", "fx__touch", "everything__echo", "everything__get-sum");
      assertThat(client.getServerCapabilities().tools().listChanged()).isTrue();
      assertThat(client.getServerCapabilities().prompts().listChanged()).isTrue();
      assertThat(client.getServerCapabilities().resources().listChanged()).isTrue();
    }
  }

  @Test
  void callsAreRoutedToTheRightServerWithArgumentsUnchanged() {
    try (McpSyncClient client = hub.client()) {
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("fx__echo", Map.of("text", "héllo ✓")))))
          .isEqualTo("echo: héllo ✓");
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("everything__echo", Map.of("message", "hi")))))
          .isEqualTo("Echo: hi");
    }
  }

  @Test
  void anUpstreamsResultReachesTheClientAsTheUpstreamWroteItWithOnlyTheIdRewritten() {
    RawMcp raw = new RawMcp(hub.mcpUrl());
    String session = raw.initialize(ProtocolVersions.V2025_11_25);
    JsonObject call = new JsonObject().put("jsonrpc", "2.0").put("id", "raw-1").put("method", "tools/call").put("params",
        new JsonObject().put("name", "fx__echo").put("arguments", new JsonObject().put("text", "hi").put("spaced", true)));
    String body = raw.post(call.encode(), RawMcp.headers(session)).body();
    // not parsed and written again: the upstream's spacing, escape and exponent are still there
    assertThat(body).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"raw-1\",\"result\":{ \"content\" : [ { \"type\" : \"text\","
        + " \"text\" : \"echo: \\u00e9 hi\" } ], \"n\" : 1E2 }}");
    assertThat(new JsonObject(body).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
        .isEqualTo("echo: é hi");
  }

  @Test
  void structuredContentOutputSchemaAnnotationsAndMetaPassThrough() {
    try (McpSyncClient client = hub.client()) {
      McpSchema.Tool tool = client.listTools().tools().stream().filter(t -> t.name().equals("fx__structured"))
          .findFirst().orElseThrow();
      assertThat(tool.outputSchema()).containsEntry("required", List.of("sum"));
      assertThat(tool.annotations().readOnlyHint()).isTrue();
      assertThat(tool.annotations().title()).isEqualTo("Adder");
      assertThat(tool.meta()).containsEntry("fixture/meta", "kept");

      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("fx__structured", Map.of("a", 2, "b", 3)));
      assertThat(result.structuredContent()).isEqualTo(Map.of("sum", 5));
      assertThat(result.meta()).containsEntry("fixture/result", true);
    }
  }

  @Test
  void toolErrorsStayResultsAndProtocolErrorsStayErrors() {
    try (McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult failed = client.callTool(new McpSchema.CallToolRequest("fx__fail", Map.of()));
      assertThat(failed.isError()).isTrue();
      assertThat(Results.text(failed)).isEqualTo("it failed");

      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("fx__rpc_error", Map.of())))
          .isInstanceOf(McpError.class)
          .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32099))
          .hasMessageContaining("fixture refused");

      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("nope__missing", Map.of())))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("Unknown tool: nope__missing");
    }
  }

  /**
   * The hub relays the fixture's four progress notifications before the result, but the SDK hands each notification
   * to the consumer on a scheduler of its own, so they reach the list in no set order and possibly after
   * {@code callTool} returns: wait for all four, then check them.
   */
  @Test
  void progressIsRelayedWithTheClientsOwnToken() throws Exception {
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    try (McpSyncClient client = hub.client(spec -> spec.progressConsumer(progress::add))) {
      McpSchema.CallToolResult result = client.callTool(
          new McpSchema.CallToolRequest("fx__sleep", Map.of("ms", 200), Map.of("progressToken", "client-token-7")));
      assertThat(Results.text(result)).isEqualTo("slept 200");
      Await.until(() -> progress.size() >= 4);
    }
    assertThat(progress).hasSize(4);
    assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("client-token-7"));
    assertThat(progress).extracting(McpSchema.ProgressNotification::progress).containsExactlyInAnyOrder(1.0, 2.0, 3.0, 4.0);
  }

  @Test
  void samplingAndElicitationRequestsReachTheCallingClient() {
    try (McpSyncClient client = hub.client(spec -> spec
        .sampling(request -> McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
            .content(new McpSchema.TextContent("model says " + ((McpSchema.TextContent) request.messages().get(0).content()).text()))
            .model("test-model").build())
        .elicitation(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Ada")))
        .roots(new McpSchema.Root("file:///work/project", "project")))) {
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("fx__sample", Map.of("prompt", "ping")))))
          .isEqualTo("sampled: model says ping");
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("fx__elicit", Map.of()))))
          .isEqualTo("elicited: accept {\"name\":\"Ada\"}");
    }
  }

  @Test
  void promptsCompletionAndResourcesAreRouted() {
    try (McpSyncClient client = hub.client()) {
      assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("fx__greeting");
      McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("fx__greeting", Map.of("name", "Grace")));
      assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text()).isEqualTo("Hello, Grace");

      McpSchema.CompleteResult completion = client.completeCompletion(new McpSchema.CompleteRequest(
          new McpSchema.PromptReference("fx__greeting"), new McpSchema.CompleteRequest.CompleteArgument("name", "A")));
      assertThat(completion.completion().values()).containsExactly("Ada", "Alan");

      assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).contains("fixture://static");
      assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
          .contains("fixture://items/{id}");
      assertThat(resourceText(client, "fixture://static")).isEqualTo("static text");
      assertThat(resourceText(client, "fixture://items/42")).isEqualTo("item 42");
    }
  }

  @Test
  void resourceUpdatesReachSubscribers() throws Exception {
    List<List<McpSchema.ResourceContents>> updates = new CopyOnWriteArrayList<>();
    try (McpSyncClient client = hub.client(spec -> spec.resourcesUpdateConsumer(updates::add))) {
      client.subscribeResource(new McpSchema.SubscribeRequest("fixture://static"));
      client.callTool(new McpSchema.CallToolRequest("fx__touch", Map.of("uri", "fixture://static")));
      Await.until(() -> !updates.isEmpty());
      assertThat(((McpSchema.TextResourceContents) updates.get(0).get(0)).text()).isEqualTo("static text");
    }
  }

  @Test
  void logMessagesOfACallReachTheCaller() throws Exception {
    List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    try (McpSyncClient client = hub.client(spec -> spec.loggingConsumer(logs::add))) {
      client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
      client.callTool(new McpSchema.CallToolRequest("fx__log", Map.of("level", "warning", "message", "disk almost full")));
      Await.until(() -> !logs.isEmpty());
      assertThat(logs.get(0).level()).isEqualTo(McpSchema.LoggingLevel.WARNING);
      assertThat(String.valueOf(logs.get(0).data())).contains("disk almost full");
    }
  }

  @Test
  void upstreamListChangesRefreshTheRegistryAndNotifySessions() throws Exception {
    List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
    try (McpSyncClient client = hub.client(spec -> spec.toolsChangeConsumer(changes::add))) {
      client.callTool(new McpSchema.CallToolRequest("fx__add_tool", Map.of("name", "late_arrival")));
      Await.until(() -> changes.stream().anyMatch(list -> list.stream().anyMatch(t -> t.name().equals("fx__late_arrival"))));
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("fx__late_arrival");
    }
  }

  @Test
  void upstreamProcessesGetAMinimalEnvironmentPlusTheirConfiguredEnv() {
    try (McpSyncClient client = hub.client()) {
      assertThat(env(client, "FIXTURE_TOKEN")).isEqualTo("configured");
      assertThat(env(client, "HUB_ONLY_SECRET")).isEqualTo("<unset>");
      assertThat(env(client, "PATH")).isNotEqualTo("<unset>");
    }
  }

  private static String env(McpSyncClient client, String name) {
    return Results.text(client.callTool(new McpSchema.CallToolRequest("fx__env", Map.of("name", name))));
  }

  private static String resourceText(McpSyncClient client, String uri) {
    McpSchema.ReadResourceResult result = client.readResource(new McpSchema.ReadResourceRequest(uri));
    return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
  }

}
