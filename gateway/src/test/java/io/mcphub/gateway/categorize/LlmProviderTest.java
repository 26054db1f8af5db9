package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub with an LLM provider ({@code gemini}, {@code openai}) against a local server that answers like its API: it decides
 * when it can; the heuristic when Gemini fails or scores nothing at the threshold; health and stats say which.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlmProviderTest {

  private Vertx fakeVertx;
  private HttpServer fake;
  private final AtomicReference<Object[]> reply = new AtomicReference<>();

  @BeforeEach
  void startFake() throws Exception {
    fakeVertx = Vertx.vertx();
    fake = fakeVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Object[] next = reply.get();
      request.response().setStatusCode((Integer) next[0]).putHeader("Content-Type", "application/json").end((String) next[1]);
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopFake() throws Exception {
    fakeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void answer(String category, double confidence) {
    String text = new JsonObject().put("categories", new JsonArray().add(new JsonObject().put("name", category)
        .put("confidence", confidence))).put("reasoning", "decided by the fake").encode();
    reply.set(new Object[] {200, new JsonObject().put("candidates", new JsonArray().add(new JsonObject()
        .put("content", new JsonObject().put("role", "model").put("parts", new JsonArray().add(new JsonObject().put("text", text))))
        .put("finishReason", "STOP"))).encode()});
  }

  private JsonObject config(String apiKey) {
    JsonObject llm = new JsonObject().put("enabled", true).put("provider", "gemini").put("model", "gemini-2.5-flash")
        .put("baseUrl", "http://127.0.0.1:" + fake.actualPort()).put("apiKey", apiKey).put("retryCount", 0)
        .put("fallbackToHeuristic", true).put("confidenceThreshold", 0.7);
    return TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "memory")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based").put("llmCategorization", llm));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> analyze(McpSyncClient client, String prompt) {
    return (Map<String, Object>) client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", prompt)))
        .structuredContent();
  }

  @Test
  void geminiDecidesAndTheHeuristicCatchesItsFailuresAndEmptyAnswers() {
    try (TestHub hub = TestHub.start(config("${GEMINI_KEY_FOR_TEST}"), name -> "GEMINI_KEY_FOR_TEST".equals(name) ? "k-123" : null);
        McpSyncClient client = hub.client()) {
      answer("memory", 0.93);
      assertThat(analyze(client, "what do you know about me")).containsEntry("source", "gemini")
          .containsEntry("exposedCategories", List.of("memory")).containsEntry("reasoning", "decided by the fake");

      answer("web", 0.3);
      assertThat(analyze(client, "Remember that I prefer tea")).containsEntry("source", "heuristic")
          .containsEntry("exposedCategories", List.of("memory"));

      reply.set(new Object[] {500, "{\"error\": {\"code\": 500, \"message\": \"Internal error\", \"status\": \"INTERNAL\"}}"});
      assertThat(analyze(client, "Remember that my dog is called Rex")).containsEntry("source", "heuristic");

      JsonObject stats = new JsonObject(new RawMcp(hub.baseUrl() + "/api/filtering/stats").request("GET", Map.of()).body());
      assertThat(stats.getString("provider")).isEqualTo("gemini");
      assertThat(stats.getJsonObject("analysis").getLong("analyses")).isEqualTo(3);
      assertThat(stats.getJsonObject("analysis").getLong("fallbacks")).isEqualTo(2);
      assertThat(stats.getJsonObject("analysis").getJsonObject("providerFailuresByCode").getLong("503")).isEqualTo(1);
      assertThat(stats.getJsonObject("categorizers").getJsonObject("gemini").getString("circuit")).isEqualTo("CLOSED");
      assertThat(stats.getJsonObject("categorizers").getJsonObject("gemini").getString("lastError")).contains("HTTP 500");

      var health = new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("categorizer:gemini").contains("\"circuit\":\"CLOSED\"").doesNotContain("k-123");
    }
  }

  @Test
  void toolsAreCategorizedInTheBackgroundAppliedLiveAndRemembered(@org.junit.jupiter.api.io.TempDir java.nio.file.Path state)
      throws Exception {
    JsonObject config = config("k-123");
    config.getJsonObject("mcpServers").getJsonObject("fx").remove("category");
    config.getJsonObject("toolFiltering").getJsonObject("llmCategorization").put("categorizeTools", true).put("cacheTTL", 3600);
    java.util.function.Function<String, String> env = name -> "XDG_STATE_HOME".equals(name) ? state.toString() : null;
    answer("search", 0.95);
    try (TestHub hub = TestHub.start(config, env)) {
      io.mcphub.gateway.support.Await.until(() -> category(hub, "fx__echo").equals("search"));
      io.mcphub.gateway.support.Await.until(() -> category(hub, "fx__add_tool").equals("search"));
    }
    java.nio.file.Path file = state.resolve("mcp-hub/tool-categories.json");
    JsonObject stored = new JsonObject(java.nio.file.Files.readString(file));
    assertThat(stored.fieldNames()).anyMatch(key -> key.startsWith("fx__echo#"));

    reply.set(new Object[] {500, "{\"error\": {\"code\": 500, \"message\": \"down\", \"status\": \"INTERNAL\"}}"});
    try (TestHub again = TestHub.start(config, env)) {
      assertThat(category(again, "fx__echo")).as("remembered from %s", file).isEqualTo("search");
    }
  }

  @Test
  void turningToolCategorizationOnByEditingTheConfigAppliesWithoutARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path state)
      throws Exception {
    JsonObject config = config("k-123");
    config.getJsonObject("mcpServers").getJsonObject("fx").remove("category");
    config.put("hub", new JsonObject().put("port", 0));
    java.nio.file.Path file = java.nio.file.Files.writeString(state.resolve("hub.json"), config.encode());
    java.util.function.Function<String, String> env = name -> "XDG_STATE_HOME".equals(name) ? state.toString() : null;
    answer("search", 0.95);
    try (TestHub hub = TestHub.watching(file, env)) {
      assertThat(category(hub, "fx__echo")).as("derived from its server until an LLM says otherwise").isEqualTo("fx");
      config.getJsonObject("toolFiltering").getJsonObject("llmCategorization").put("categorizeTools", true);
      java.nio.file.Files.writeString(file, config.encode());
      io.mcphub.gateway.support.Await.until(() -> category(hub, "fx__echo").equals("search"));
    }
  }

  private static String category(TestHub hub, String tool) {
    JsonObject tools = new JsonObject(new RawMcp(hub.baseUrl() + "/api/tools").request("GET", Map.of()).body());
    return tools.getJsonArray("tools").stream().map(JsonObject.class::cast).filter(t -> tool.equals(t.getString("namespacedName")))
        .map(t -> t.getString("category")).findFirst().orElse("missing");
  }

  @Test
  void anOpenAiCompatibleProviderIsChosenByOneConfigValue() {
    JsonObject config = config("unused");
    config.getJsonObject("toolFiltering").getJsonObject("llmCategorization").put("provider", "openai").put("model", "llama3.1")
        .put("baseUrl", "http://127.0.0.1:" + fake.actualPort() + "/v1").remove("apiKey");
    String content = new JsonObject().put("categories", new JsonArray().add(new JsonObject().put("name", "memory")
        .put("confidence", 0.88))).put("reasoning", "from the local model").encode();
    reply.set(new Object[] {200, new JsonObject().put("model", "llama3.1").put("choices", new JsonArray().add(new JsonObject()
        .put("index", 0).put("finish_reason", "stop")
        .put("message", new JsonObject().put("role", "assistant").put("content", content)))).encode()});
    try (TestHub hub = TestHub.start(config, name -> null); McpSyncClient client = hub.client()) {
      assertThat(analyze(client, "what do you know about me")).containsEntry("source", "openai")
          .containsEntry("exposedCategories", List.of("memory")).containsEntry("reasoning", "from the local model");
      JsonObject stats = new JsonObject(new RawMcp(hub.baseUrl() + "/api/filtering/stats").request("GET", Map.of()).body());
      assertThat(stats.getString("provider")).isEqualTo("openai");
      assertThat(stats.getJsonObject("categorizers").getJsonObject("openai").getString("model")).isEqualTo("llama3.1");
    }
  }

  @Test
  void aMissingKeyIsAWarningAndTheHubRunsOnTheHeuristic() {
    try (TestHub hub = TestHub.start(config("${GEMINI_KEY_NOT_SET}"), name -> null); McpSyncClient client = hub.client()) {
      assertThat(analyze(client, "Remember that I like jazz")).containsEntry("source", "heuristic")
          .containsEntry("exposedCategories", List.of("memory"));
      var health = new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("categorizer:gemini").contains("no Gemini API key");
    }
  }
}
