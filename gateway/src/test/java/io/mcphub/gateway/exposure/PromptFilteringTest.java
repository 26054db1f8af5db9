package io.mcphub.gateway.exposure;

import io.mcphub.gateway.support.Blocking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prompt-based filtering end to end: the hub fronts the reference filesystem and memory servers, the official
 * SDK client analyzes prompts and sees only the tools its prompt needs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PromptFilteringTest {

  static final String FILES_PROMPT = "List the files in my project directory";
  static final String MEMORY_PROMPT = "Remember that my favourite editor is vim";
  private static Path dir;
  private static TestHub hub;

  @BeforeAll
  static void startHub() throws Exception {
    dir = Files.createTempDirectory("mcp-hub-filtering");
    hub = TestHub.start(config(new JsonObject()));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  /** The reference servers with prompt-based filtering and the given extra {@code toolFiltering} settings. */
  static JsonObject config(JsonObject promptBased) {
    return configIn(dir, promptBased);
  }

  /** The same servers, the filesystem server serving {@code dir}. */
  static JsonObject configIn(Path dir, JsonObject promptBased) {
    JsonObject memory = TestHub.reference("server-memory")
        .put("env", new JsonObject().put("MEMORY_FILE_PATH", dir.resolve("memory-" + System.nanoTime() + ".jsonl").toString()));
    return TestHub.config(new JsonObject()
            .put("filesystem", TestHub.reference("server-filesystem", dir.toString()))
            .put("memory", memory))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based").put("promptBasedFiltering", promptBased));
  }

  static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> analyze(McpSyncClient client, String prompt) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", prompt)));
    assertThat(result.isError()).as("analyze result %s", result).isNotEqualTo(Boolean.TRUE);
    return (Map<String, Object>) result.structuredContent();
  }

  @Test
  void aSessionStartsWithMetaToolsAnalyzesAndThenSeesAndCallsItsTools() throws Exception {
    AtomicInteger changes = new AtomicInteger();
    try (McpSyncClient client = hub.client(spec -> spec.toolsChangeConsumer(tools -> changes.incrementAndGet()))) {
      assertThat(names(client)).containsExactly("hub__analyze_prompt", "hub__search_tools", "hub__call_tool", "hub__reset_exposure");

      Map<String, Object> analysis = analyze(client, FILES_PROMPT);
      assertThat(analysis.get("exposedCategories")).isEqualTo(List.of("filesystem"));
      assertThat(analysis.get("source")).isEqualTo("heuristic");
      assertThat(analysis.get("threshold")).isEqualTo(0.7);
      @SuppressWarnings("unchecked")
      List<String> exposedTools = (List<String>) analysis.get("exposedTools");
      assertThat(exposedTools).contains("filesystem__list_directory").noneMatch(name -> name.startsWith("memory__"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> categories = (List<Map<String, Object>>) analysis.get("categories");
      assertThat(categories).as("only the categories that hold tools are offered")
          .extracting(category -> category.get("name")).containsExactlyInAnyOrder("filesystem", "memory");
      assertThat(categories).first().satisfies(first -> {
        assertThat(first).containsEntry("name", "filesystem").containsEntry("exposed", true);
        assertThat((Double) first.get("confidence")).isGreaterThanOrEqualTo(0.7);
      });
      assertThat(analysis).containsKeys("latencyMs", "reasoning");
      Await.until(() -> changes.get() == 1);

      List<String> listed = names(client);
      assertThat(listed).contains("hub__analyze_prompt", "filesystem__list_directory", "filesystem__read_text_file")
          .noneMatch(name -> name.startsWith("memory__"));
      McpSchema.CallToolResult dirs = client.callTool(new McpSchema.CallToolRequest("filesystem__list_allowed_directories", Map.of()));
      assertThat(((McpSchema.TextContent) dirs.content().get(0)).text()).contains(dir.getFileName().toString());

      analyze(client, FILES_PROMPT);
      Thread.sleep(200);
      assertThat(changes.get()).as("no list_changed when the list did not change").isEqualTo(1);
    }
  }

  @Test
  void listedToolsCarryTheirCategory() {
    try (McpSyncClient client = hub.client()) {
      analyze(client, FILES_PROMPT + " and remember that the docs live in ./docs");
      Map<String, Object> categories = new java.util.HashMap<>();
      client.listTools().tools().forEach(tool -> categories.put(tool.name(), tool.meta().get("mcp-hub/category")));
      assertThat(categories).containsEntry("filesystem__read_text_file", "filesystem").containsEntry("hub__analyze_prompt", "meta");
      assertThat(categories.entrySet()).filteredOn(entry -> entry.getKey().startsWith("memory__")).isNotEmpty()
          .allSatisfy(entry -> assertThat(entry.getValue()).isEqualTo("memory"));
    }
    JsonObject api = new JsonObject(new io.mcphub.gateway.support.RawMcp(hub.baseUrl() + "/api/tools")
        .request("GET", Map.of()).body());
    assertThat(api.getJsonArray("tools").stream().map(JsonObject.class::cast))
        .anySatisfy(tool -> assertThat(tool.getString("namespacedName") + "=" + tool.getString("category"))
            .isEqualTo("memory__read_graph=memory"))
        .allSatisfy(tool -> assertThat(tool.getJsonArray("categories")).hasSize(1));
  }

  @Test
  void aHiddenToolIsAnsweredHiddenWithTheWayToGetItAndHubCallToolReachesIt() {
    try (McpSyncClient client = hub.client()) {
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("memory__read_graph", Map.of())))
          .isInstanceOfSatisfying(McpError.class, error -> {
            assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
            assertThat(error.getMessage()).contains("memory__read_graph exists but is hidden from this session")
                .contains("hub__analyze_prompt").contains("hub__call_tool").doesNotContain("Unknown tool");
          });
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("memory__no_such_tool", Map.of())))
          .isInstanceOfSatisfying(McpError.class, error -> {
            assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
            assertThat(error.getMessage()).contains("Unknown tool: memory__no_such_tool").doesNotContain("hidden");
          });
      McpSchema.CallToolResult viaMeta = client.callTool(new McpSchema.CallToolRequest("hub__call_tool",
          Map.of("name", "memory__read_graph", "arguments", Map.of())));
      assertThat(viaMeta.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(((McpSchema.TextContent) viaMeta.content().get(0)).text()).contains("entities");
      McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("hub__call_tool", Map.of("name", "nope__x")));
      assertThat(unknown.isError()).isTrue();
      assertThat(((McpSchema.TextContent) unknown.content().get(0)).text()).isEqualTo("Unknown tool: nope__x");
    }
  }

  @Test
  void concurrentSessionsSeeOnlyTheirOwnExposure() throws Exception {
    try (McpSyncClient files = hub.client(); McpSyncClient memory = hub.client(); McpSyncClient control = hub.client()) {
      CompletableFuture<Map<String, Object>> a = Blocking.supply(() -> analyze(files, FILES_PROMPT));
      CompletableFuture<Map<String, Object>> b = Blocking.supply(() -> analyze(memory, MEMORY_PROMPT));
      a.get(20, TimeUnit.SECONDS);
      b.get(20, TimeUnit.SECONDS);
      assertThat(names(files)).anyMatch(n -> n.startsWith("filesystem__")).noneMatch(n -> n.startsWith("memory__"));
      assertThat(names(memory)).anyMatch(n -> n.startsWith("memory__")).noneMatch(n -> n.startsWith("filesystem__"));
      assertThat(names(control)).allMatch(n -> n.startsWith("hub__"));
    }
  }

  @Test
  void exposureIsAdditiveByDefaultAndResetGoesBackToTheDefault() throws Exception {
    AtomicInteger changes = new AtomicInteger();
    try (McpSyncClient client = hub.client(spec -> spec.toolsChangeConsumer(tools -> changes.incrementAndGet()))) {
      analyze(client, FILES_PROMPT);
      analyze(client, MEMORY_PROMPT);
      assertThat(names(client)).anyMatch(n -> n.startsWith("filesystem__")).anyMatch(n -> n.startsWith("memory__"));
      McpSchema.CallToolResult reset = client.callTool(new McpSchema.CallToolRequest("hub__reset_exposure", Map.of()));
      assertThat(reset.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(names(client)).allMatch(n -> n.startsWith("hub__"));
      Await.until(() -> changes.get() == 3);
    }
  }

  @Test
  void emptyAndOversizedPromptsAreToolErrorsAndExposeNothing() {
    try (McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult empty = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", " ")));
      assertThat(empty.isError()).isTrue();
      assertThat(((McpSchema.TextContent) empty.content().get(0)).text()).contains("prompt must be a non-empty string");
      McpSchema.CallToolResult huge = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "read the file ".repeat(3000))));
      assertThat(huge.isError()).isTrue();
      assertThat(((McpSchema.TextContent) huge.content().get(0)).text()).startsWith("prompt has").contains("32768");
      McpSchema.CallToolResult hugeContext = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "read the file notes.txt", "context", "y".repeat(40_000))));
      assertThat(hugeContext.isError()).isTrue();
      assertThat(((McpSchema.TextContent) hugeContext.content().get(0)).text()).startsWith("context has 40000 characters");
      McpSchema.CallToolResult numberContext = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "read the file notes.txt", "context", 42)));
      assertThat(numberContext.isError()).isTrue();
      assertThat(((McpSchema.TextContent) numberContext.content().get(0)).text()).contains("context must be a string");
      assertThat(names(client)).allMatch(n -> n.startsWith("hub__"));
    }
  }

  @Test
  void aPromptThatNeedsNoToolExposesNothing() {
    try (McpSyncClient client = hub.client()) {
      Map<String, Object> analysis = analyze(client, "Write a haiku about autumn leaves");
      assertThat((List<?>) analysis.get("exposedCategories")).isEmpty();
      assertThat(names(client)).allMatch(n -> n.startsWith("hub__"));
    }
  }

  @Test
  void theConfiguredThresholdDecides() {
    JsonObject strict = config(new JsonObject());
    strict.getJsonObject("toolFiltering").put("llmCategorization", new JsonObject().put("confidenceThreshold", 0.95));
    try (TestHub hub = TestHub.start(strict); McpSyncClient client = hub.client()) {
      Map<String, Object> analysis = analyze(client, "Remember that I like green tea");
      assertThat(analysis.get("threshold")).isEqualTo(0.95);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> categories = (List<Map<String, Object>>) analysis.get("categories");
      assertThat(categories.get(0)).containsEntry("name", "memory").containsEntry("exposed", false);
      assertThat((Double) categories.get(0).get("confidence")).isBetween(0.7, 0.95);
      assertThat((List<?>) analysis.get("exposedCategories")).isEmpty();
    }
  }

  @Test
  void replacementModeReplacesEarlierExposure() {
    try (TestHub replacing = TestHub.start(config(new JsonObject().put("exposureMode", "replacement")));
        McpSyncClient client = replacing.client()) {
      analyze(client, FILES_PROMPT);
      analyze(client, MEMORY_PROMPT);
      assertThat(names(client)).anyMatch(n -> n.startsWith("memory__")).noneMatch(n -> n.startsWith("filesystem__"));
    }
  }

  @Test
  void eachDefaultExposure() {
    try (TestHub zero = TestHub.start(config(new JsonObject().put("defaultExposure", "zero")));
        McpSyncClient client = zero.client()) {
      assertThat(names(client)).isEmpty();
      analyze(client, FILES_PROMPT);
      assertThat(names(client)).isNotEmpty().allMatch(n -> n.startsWith("filesystem__"));
    }
    try (TestHub minimal = TestHub.start(config(new JsonObject().put("defaultExposure", "minimal")
            .put("minimalCategories", new JsonArray().add("memory"))));
        McpSyncClient client = minimal.client()) {
      assertThat(names(client)).anyMatch(n -> n.startsWith("memory__")).noneMatch(n -> n.startsWith("filesystem__"))
          .contains("hub__analyze_prompt");
    }
    try (TestHub all = TestHub.start(config(new JsonObject().put("defaultExposure", "all")));
        McpSyncClient client = all.client()) {
      assertThat(names(client)).anyMatch(n -> n.startsWith("memory__")).anyMatch(n -> n.startsWith("filesystem__"));
    }
  }

  @Test
  void withoutSessionIsolationOneAnalysisExposesToEverySession() throws Exception {
    List<List<McpSchema.Tool>> seenByOther = new CopyOnWriteArrayList<>();
    try (TestHub shared = TestHub.start(config(new JsonObject().put("sessionIsolation", false)));
        McpSyncClient analyzing = shared.client();
        McpSyncClient other = shared.client(spec -> spec.toolsChangeConsumer(seenByOther::add))) {
      assertThat(names(other)).allMatch(n -> n.startsWith("hub__"));
      // a notification reaches a session only on its open GET stream, which the SDK client opens after initialize
      Await.until(() -> shared.<Long>onHub(h -> h.sessions().all().stream().filter(Session::hasOpenStream).count()) == 2);
      analyze(analyzing, FILES_PROMPT);
      Await.until(() -> !seenByOther.isEmpty());
      assertThat(names(other)).anyMatch(n -> n.startsWith("filesystem__"));
    }
  }

}
