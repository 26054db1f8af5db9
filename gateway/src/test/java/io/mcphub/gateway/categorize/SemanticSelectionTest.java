package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantic selection through the real path: the reference memory and everything servers and our fixture as upstream
 * processes, the in-process embedding categorizer as the tool scorer ({@code toolScorer: "embedding"}), a real MCP
 * client. Requests that share no word with the tool they need get it listed; without the tool scorer they do not.
 * {@code /health} shows the embedding's progress, and a restart finds every vector in the state directory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SemanticSelectionTest {

  /** Paraphrases, and the tool each needs: "Returns the sum of two numbers", "Returns a tiny MCP logo image". */
  private static final Map<String, String> PARAPHRASES = Map.of(
      "compute the total of 17 and 25", "everything__get-sum",
      "send me a small picture", "everything__get-tiny-image");

  private static JsonObject config(boolean semantic) {
    JsonObject llm = new JsonObject().put("enabled", false);
    if (semantic) {
      // what is tested is what the embeddings select, not how fast: on a loaded machine embedding a prompt takes
      // longer than the default scorer timeout, after which the hub answers from the lexical search alone
      llm.put("toolScorer", "embedding").put("toolScorerTimeoutMs", 30_000);
    }
    return TestHub.config(new JsonObject()
            .put("memory", TestHub.reference("server-memory"))
            .put("everything", TestHub.reference("server-everything"))
            .put("fx", TestHub.fixture("fx")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based").put("llmCategorization", llm));
  }

  private static TestHub start(boolean semantic, Path state) {
    return TestHub.start(config(semantic), name -> "XDG_STATE_HOME".equals(name) ? state.toString() : null);
  }

  private static List<String> listedAfter(McpSyncClient client, String prompt) {
    client.callTool(new McpSchema.CallToolRequest("hub__reset_exposure", Map.of()));
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", prompt)));
    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    return client.listTools().tools().stream().map(McpSchema.Tool::name).filter(name -> !name.startsWith("hub__")).toList();
  }

  /**
   * The embedding categorizer's {@code /health} data once it has embedded every listed tool (waited for, bounded). The
   * categorizer embeds nothing until the first prompt, so one is sent first.
   */
  private static JsonObject embedded(TestHub hub, McpSyncClient client) throws InterruptedException {
    listedAfter(client, "warm up");
    int tools = hub.onHub(h -> {
      int count = 0;
      for (var tool : h.registry().tools()) {
        count++;
      }
      return count;
    });
    JsonObject[] data = new JsonObject[1];
    Await.until(() -> {
      JsonObject health = new JsonObject(new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of()).body());
      data[0] = health.getJsonArray("checks").stream().map(JsonObject.class::cast)
          .filter(check -> "categorizer:embedding".equals(check.getString("id"))).findFirst()
          .map(check -> check.getJsonObject("data")).orElse(new JsonObject());
      return data[0].getBoolean("ready", false) && data[0].getInteger("toolsTotal", 0) == tools;
    });
    return data[0];
  }

  @Test
  void aParaphraseWithNoKeywordListsTheToolItNeedsOnlyWithTheEmbeddingToolScorer(@TempDir Path state) throws Exception {
    try (TestHub hub = start(false, state); McpSyncClient client = hub.client()) {
      PARAPHRASES.forEach((prompt, tool) -> assertThat(listedAfter(client, prompt)).as("lexical only: " + prompt).doesNotContain(tool));
    }
    try (TestHub hub = start(true, state); McpSyncClient client = hub.client()) {
      JsonObject progress = embedded(hub, client);
      assertThat(progress.getString("model")).isEqualTo("all-minilm-l6-v2-q");
      assertThat(progress.getString("cacheFile")).startsWith(state.toString());
      PARAPHRASES.forEach((prompt, tool) -> assertThat(listedAfter(client, prompt)).as("with embeddings: " + prompt).contains(tool));
    }
    try (TestHub hub = start(true, state); McpSyncClient client = hub.client()) {
      JsonObject progress = embedded(hub, client);
      assertThat(progress.getInteger("toolsFromCache")).as("a restart embeds nothing").isEqualTo(progress.getInteger("toolsTotal"));
      PARAPHRASES.forEach((prompt, tool) -> assertThat(listedAfter(client, prompt)).as("after a restart: " + prompt).contains(tool));
    }
  }
}
