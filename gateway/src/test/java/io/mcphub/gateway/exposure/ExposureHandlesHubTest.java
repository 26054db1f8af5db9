package io.mcphub.gateway.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exposure handles end to end: the hub (prompt-based, one shared exposure, two bearer tokens) fronts the reference
 * filesystem and memory servers; official SDK clients analyze, call with the exposureId, and open view URLs.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExposureHandlesHubTest {

  private static final String ALICE = "alice-token-for-exposure-tests";
  private static final String BOB = "bob-token-for-exposure-tests-2";
  private static final List<String> META = List.of("hub__analyze_prompt", "hub__search_tools", "hub__call_tool",
      "hub__reset_exposure");
  private static Path dir;
  private static TestHub hub;

  @BeforeAll
  static void startHub() throws Exception {
    dir = Files.createTempDirectory("mcp-hub-exposure-ids");
    JsonObject config = PromptFilteringTest.configIn(dir, new JsonObject().put("sessionIsolation", false))
        .put("hub", new JsonObject().put("auth", new JsonObject().put("tokens", new JsonArray().add(ALICE).add(BOB))));
    hub = TestHub.start(config);
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  private static McpSyncClient client(String token, String endpoint, AtomicInteger listChanges) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(hub.baseUrl()).endpoint(endpoint)
        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
        .toolsChangeConsumer(tools -> listChanges.incrementAndGet()).build();
    client.initialize();
    return client;
  }

  private static McpSyncClient client(String token) {
    return client(token, "/mcp", new AtomicInteger());
  }

  @SuppressWarnings("unchecked")
  private static List<String> selected(Map<String, Object> analysis) {
    return ((List<Map<String, Object>>) analysis.get("tools")).stream().map(tool -> (String) tool.get("name")).toList();
  }

  private static McpSchema.CallToolResult callWith(McpSyncClient client, String exposureId) {
    return client.callTool(new McpSchema.CallToolRequest("hub__call_tool", Map.of("name",
        "filesystem__list_allowed_directories", "arguments", Map.of(), "exposureId", exposureId)));
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static Map<String, String> headers(String token, String session) {
    Map<String, String> headers = new HashMap<>(RawMcp.headers(session));
    headers.put("Authorization", "Bearer " + token);
    return headers;
  }

  @Test
  void anAnalysisReturnsAnExposureIdThatHubCallToolAcceptsFromItsOwnerOnly() {
    try (McpSyncClient alice = client(ALICE); McpSyncClient bob = client(BOB)) {
      McpSchema.CallToolResult analyzed = alice.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", PromptFilteringTest.FILES_PROMPT)));
      @SuppressWarnings("unchecked")
      Map<String, Object> analysis = (Map<String, Object>) analyzed.structuredContent();
      String id = (String) analysis.get("exposureId");
      assertThat(id).matches("[A-Za-z0-9_-]{22,}");
      assertThat(analysis).containsEntry("view", "/mcp/views/" + id).containsKeys("exposedTools", "categories", "tools");
      assertThat(Instant.parse((String) analysis.get("expiresAt"))).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
      assertThat(text(analyzed)).contains("exposureId " + id);

      McpSchema.CallToolResult called = callWith(alice, id);
      assertThat(called.isError()).as("call %s", called).isNotEqualTo(Boolean.TRUE);
      assertThat(text(called)).contains(dir.getFileName().toString());

      McpSchema.CallToolResult forged = callWith(alice, "AAAAAAAAAAAAAAAAAAAAAA");
      assertThat(forged.isError()).isTrue();
      assertThat(text(forged)).contains("exposureId AAAAAAAAAAAAAAAAAAAAAA is unknown").contains("hub__analyze_prompt again");

      McpSchema.CallToolResult foreign = callWith(bob, id);
      assertThat(foreign.isError()).isTrue();
      assertThat(text(foreign)).contains("was issued to another credential").contains("hub__analyze_prompt again");
    }
  }

  @Test
  void aViewUrlListsExactlyItsSelectionAndNothingChangesIt() {
    AtomicInteger viewChanges = new AtomicInteger();
    try (McpSyncClient alice = client(ALICE)) {
      Map<String, Object> analysis = PromptFilteringTest.analyze(alice, PromptFilteringTest.FILES_PROMPT);
      String id = (String) analysis.get("exposureId");
      List<String> expected = new ArrayList<>(META);
      expected.addAll(selected(analysis));
      assertThat(selected(analysis)).isNotEmpty();

      try (McpSyncClient view = client(ALICE, "/mcp/views/" + id, viewChanges)) {
        assertThat(PromptFilteringTest.names(view)).containsExactlyInAnyOrderElementsOf(expected);

        Map<String, Object> again = PromptFilteringTest.analyze(view, PromptFilteringTest.MEMORY_PROMPT);
        assertThat(again.get("exposureId")).as("an analysis in a view mints a new handle").isNotEqualTo(id);
        assertThat(selected(again)).anyMatch(name -> name.startsWith("memory__"));
        PromptFilteringTest.analyze(alice, PromptFilteringTest.MEMORY_PROMPT);
        assertThat(PromptFilteringTest.names(alice)).as("the shared legacy exposure grew").anyMatch(n -> n.startsWith("memory__"));

        McpSchema.CallToolResult reset = view.callTool(new McpSchema.CallToolRequest("hub__reset_exposure", Map.of()));
        assertThat(text(reset)).startsWith("Nothing to reset: this connection serves the view " + id);
        assertThat(PromptFilteringTest.names(view)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(viewChanges.get()).as("a view's session is never told its list changed").isZero();
      }
    }
  }

  @Test
  void unknownAndForeignViewsAndOtherSessionsAre404() {
    RawMcp unknown = new RawMcp(hub.baseUrl() + "/mcp/views/AAAAAAAAAAAAAAAAAAAAAA");
    HttpResponse<String> missing = unknown.post(RawMcp.initializeBody("2025-11-25"), headers(ALICE, null));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getJsonObject("error").getString("message"))
        .startsWith("View not found: exposureId AAAAAAAAAAAAAAAAAAAAAA is unknown");
    assertThat(unknown.post(RawMcp.initializeBody("2025-11-25"), RawMcp.headers(null)).statusCode())
        .as("the bearer check comes first").isEqualTo(401);

    String id;
    try (McpSyncClient alice = client(ALICE)) {
      id = (String) PromptFilteringTest.analyze(alice, PromptFilteringTest.FILES_PROMPT).get("exposureId");
    }
    RawMcp view = new RawMcp(hub.baseUrl() + "/mcp/views/" + id);
    HttpResponse<String> foreign = view.post(RawMcp.initializeBody("2025-11-25"), headers(BOB, null));
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.body()).contains("was issued to another credential");

    String plainSession = new RawMcp(hub.mcpUrl()).post(RawMcp.initializeBody("2025-11-25"), headers(ALICE, null))
        .headers().firstValue("Mcp-Session-Id").orElseThrow();
    String toolsList = new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/list").encode();
    assertThat(view.post(toolsList, headers(ALICE, plainSession)).statusCode())
        .as("a session of /mcp is not a session of the view").isEqualTo(404);
    String viewSession = view.post(RawMcp.initializeBody("2025-11-25"), headers(ALICE, null))
        .headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(new RawMcp(hub.mcpUrl()).post(toolsList, headers(ALICE, viewSession)).statusCode())
        .as("and a view's session is not one of /mcp").isEqualTo(404);
  }

  @Test
  void postApiViewsMintsAViewFromAPromptOrFromNamedTools() {
    RawMcp api = new RawMcp(hub.baseUrl() + "/api/views");
    HttpResponse<String> analyzed = api.post(new JsonObject().put("prompt", PromptFilteringTest.FILES_PROMPT).encode(),
        headers(ALICE, null));
    assertThat(analyzed.statusCode()).as(analyzed.body()).isEqualTo(201);
    JsonObject minted = new JsonObject(analyzed.body());
    String id = minted.getString("exposureId");
    assertThat(minted.getString("url")).isEqualTo(hub.baseUrl() + "/mcp/views/" + id);
    assertThat(Instant.parse(minted.getString("expiresAt"))).isAfter(Instant.now());
    List<String> tools = minted.getJsonArray("tools").stream().map(String.class::cast).toList();
    assertThat(tools).contains("filesystem__list_directory").noneMatch(name -> name.startsWith("memory__"));
    try (McpSyncClient view = client(ALICE, "/mcp/views/" + id, new AtomicInteger())) {
      assertThat(PromptFilteringTest.names(view)).containsAll(tools).containsAll(META).hasSize(tools.size() + META.size());
    }

    HttpResponse<String> named = api.post(new JsonObject().put("tools", new JsonArray().add("memory__read_graph")).encode(),
        headers(ALICE, null));
    assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
    String namedId = new JsonObject(named.body()).getString("exposureId");
    assertThat(new JsonObject(named.body()).getJsonArray("tools")).containsExactly("memory__read_graph");
    try (McpSyncClient view = client(ALICE, "/mcp/views/" + namedId, new AtomicInteger())) {
      assertThat(PromptFilteringTest.names(view)).containsExactlyInAnyOrderElementsOf(concat(META, "memory__read_graph"));
    }

    HttpResponse<String> unknown = api.post(new JsonObject().put("tools", new JsonArray().add("memory__read_graph")
        .add("nope__missing")).encode(), headers(ALICE, null));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(unknown.body()).getString("error")).contains("unknown tools: nope__missing");
    assertThat(api.post("{\"neither\": 1}", headers(ALICE, null)).statusCode()).isEqualTo(400);
    assertThat(api.post(new JsonObject().put("prompt", " ").encode(), headers(ALICE, null)).statusCode()).isEqualTo(400);
  }

  @Test
  void aModernSessionSeesTheDefaultAndAnalysesWithoutSessionsChangeNoSharedList() {
    AtomicInteger changes = new AtomicInteger();
    try (McpSyncClient legacy = client(BOB, "/mcp", changes)) {
      PromptFilteringTest.analyze(legacy, PromptFilteringTest.FILES_PROMPT);
      List<String> before = PromptFilteringTest.names(legacy);
      assertThat(before).contains("filesystem__list_directory");
      int told = changes.get();

      Session modern = new Session(hub.vertx(), Session.newId(), Session.Transport.MODERN, null);
      List<String> modernList = hub.onHub(h -> h.visibleToolNames(modern));
      assertThat(modernList).as("the default exposure (meta-only), not the shared one")
          .isEmpty();

      RawMcp api = new RawMcp(hub.baseUrl() + "/api/views");
      HttpResponse<String> analyzed = api.post(new JsonObject().put("prompt", PromptFilteringTest.MEMORY_PROMPT).encode(),
          headers(ALICE, null));
      assertThat(analyzed.statusCode()).isEqualTo(201);
      assertThat(new JsonObject(analyzed.body()).getJsonArray("tools").stream().map(String.class::cast))
          .anyMatch(name -> name.startsWith("memory__"));
      assertThat(PromptFilteringTest.names(legacy)).as("an analysis on a transient session changes no list").isEqualTo(before);
      assertThat(changes.get()).isEqualTo(told);
    }
  }

  private static List<String> concat(List<String> first, String last) {
    List<String> all = new ArrayList<>(first);
    all.add(last);
    return all;
  }
}
