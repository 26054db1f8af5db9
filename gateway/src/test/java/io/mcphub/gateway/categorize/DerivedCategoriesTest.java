package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Categories come from the deployment: real upstream processes (our fixture under two names, the reference filesystem
 * server) get categories by mapping, server entry, rule or derivation, {@code /api/tools} says which and why, and an
 * LLM categorizer (a local fake of Gemini's API) is asked about the non-empty categories with their tool samples — and
 * the derived category it picks exposes that server's tools, callable at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DerivedCategoriesTest {

  private Vertx fakeVertx;
  private HttpServer fake;
  private final List<JsonObject> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startFakeGemini() throws Exception {
    fakeVertx = Vertx.vertx();
    String text = new JsonObject().put("categories", new JsonArray().add(new JsonObject().put("name", "trains")
        .put("confidence", 0.95))).put("reasoning", "the request is about trains").encode();
    String answer = new JsonObject().put("candidates", new JsonArray().add(new JsonObject()
        .put("content", new JsonObject().put("role", "model").put("parts", new JsonArray().add(new JsonObject().put("text", text))))
        .put("finishReason", "STOP"))).encode();
    fake = fakeVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      asked.add(body.toJsonObject());
      request.response().putHeader("Content-Type", "application/json").end(answer);
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopFake() throws Exception {
    fakeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static JsonObject config(Path dir, JsonObject filtering) {
    return TestHub.config(new JsonObject()
            .put("trains", TestHub.fixture("trains"))
            .put("fx", TestHub.fixture("fx").put("category", "memory"))
            .put("files", TestHub.reference("server-filesystem", dir.toString())))
        .put("toolFiltering", filtering.put("mode", "prompt-based")
            .put("categoryFilter", new JsonObject().put("customMappings", new JsonObject().put("fx__env", "development"))));
  }

  private static Map<String, JsonObject> apiTools(TestHub hub) {
    JsonObject body = new JsonObject(new RawMcp(hub.baseUrl() + "/api/tools").request("GET", Map.of()).body());
    Map<String, JsonObject> byName = new java.util.HashMap<>();
    body.getJsonArray("tools").forEach(item -> byName.put(((JsonObject) item).getString("namespacedName"), (JsonObject) item));
    return byName;
  }

  @Test
  void apiToolsShowsEachToolsCategoryAndWhy(@TempDir Path dir) throws Exception {
    try (TestHub hub = TestHub.start(config(dir, new JsonObject()))) {
      Map<String, JsonObject> tools = apiTools(hub);
      JsonObject sleep = tools.get("trains__sleep");
      assertThat(sleep.getString("category")).isEqualTo("trains");
      assertThat(sleep.getJsonArray("categories").getList()).containsExactly("trains");
      assertThat(sleep.getJsonObject("categoryReason")).isEqualTo(new JsonObject().put("by", "derived").put("server", "trains"));
      assertThat(tools.get("fx__echo").getJsonObject("categoryReason")).isEqualTo(new JsonObject().put("by", "server"));
      assertThat(tools.get("fx__env").getString("category")).isEqualTo("development");
      assertThat(tools.get("fx__env").getJsonObject("categoryReason"))
          .isEqualTo(new JsonObject().put("by", "mapping").put("glob", "fx__env"));
      assertThat(tools.get("files__read_text_file").getString("category")).isEqualTo("filesystem");
      assertThat(tools.get("files__read_text_file").getJsonObject("categoryReason").getString("by")).isEqualTo("rule");
      assertThat(tools.get("files__read_text_file").getJsonObject("categoryReason").getJsonArray("words").getList()).contains("file");
      assertThat(tools.values()).as("no tool is left where no analysis reaches it")
          .noneMatch(tool -> "other".equals(tool.getString("category")));

      List<String> offered = hub.onHub(h -> h.registry().categories().definitions().stream()
          .map(io.mcphub.categorizer.CategoryDefinition::name).toList());
      assertThat(offered).containsExactlyInAnyOrder("filesystem", "development", "memory", "trains");

      try (McpSyncClient client = hub.client()) {
        client.callTool(new McpSchema.CallToolRequest("hub__call_tool", Map.of("name", "trains__add_tool",
            "arguments", Map.of("name", "departures"))));
        Await.until(() -> apiTools(hub).containsKey("trains__departures"));
        assertThat(apiTools(hub).get("trains__departures").getString("category")).as("a tool added at run time").isEqualTo("trains");
      }
    }
  }

  @Test
  void anLlmCategorizerIsAskedAboutTheDerivedCategoriesAndItsAnswerExposesThatServersTools(@TempDir Path dir) {
    JsonObject llm = new JsonObject().put("enabled", true).put("provider", "gemini").put("model", "gemini-2.5-flash")
        .put("baseUrl", "http://127.0.0.1:" + fake.actualPort()).put("apiKey", "k-123").put("retryCount", 0)
        .put("fallbackToHeuristic", true).put("confidenceThreshold", 0.7);
    try (TestHub hub = TestHub.start(config(dir, new JsonObject().put("llmCategorization", llm)));
        McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "Find me a train from Lyon to Paris on Friday morning")));
      assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);

      String instruction = asked.get(0).getJsonObject("systemInstruction").getJsonArray("parts").getJsonObject(0).getString("text");
      assertThat(instruction).containsPattern("- trains \\(\\d+ tools, e\\.g\\. trains__echo, trains__structured, [^)]*\\)")
          .contains("- memory (").contains("- filesystem (")
          .doesNotContain("- web").doesNotContain("- other").doesNotContain("- cloud");

      @SuppressWarnings("unchecked")
      Map<String, Object> analysis = (Map<String, Object>) result.structuredContent();
      assertThat(analysis.get("source")).isEqualTo("gemini");
      assertThat(analysis.get("exposedCategories")).isEqualTo(List.of("trains"));
      @SuppressWarnings("unchecked")
      List<String> exposed = (List<String>) analysis.get("exposedTools");
      assertThat(exposed).as("the chosen server's tools; none of the categories the model left out").contains("trains__echo")
          .noneMatch(name -> name.startsWith("files__") || name.startsWith("memory__"));
      McpSchema.CallToolResult echo = client.callTool(new McpSchema.CallToolRequest("hub__call_tool",
          Map.of("name", "trains__echo", "arguments", Map.of("text", "Lyon-Paris 08:04"))));
      assertThat(((McpSchema.TextContent) echo.content().get(0)).text()).contains("Lyon-Paris 08:04");
    }
  }
}
