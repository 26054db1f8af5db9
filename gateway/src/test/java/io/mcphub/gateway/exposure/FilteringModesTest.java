package io.mcphub.gateway.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The static filtering modes: one predicate decides both what is listed and what may be called. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FilteringModesTest {

  private static JsonObject config(JsonObject toolFiltering) throws Exception {
    Path dir = Files.createTempDirectory("mcp-hub-modes");
    JsonObject memory = TestHub.reference("server-memory").put("env", new JsonObject().put("MEMORY_FILE_PATH",
        dir.resolve("memory.jsonl").toString()));
    return TestHub.config(new JsonObject()
            .put("filesystem", TestHub.reference("server-filesystem", dir.toString()))
            .put("memory", memory)
            .put("fx", TestHub.fixture("fx").put("category", "development")))
        .put("toolFiltering", toolFiltering);
  }

  private static List<String> servers(McpSyncClient client) {
    return client.listTools().tools().stream().map(t -> t.name().substring(0, t.name().indexOf("__"))).distinct().sorted().toList();
  }

  @Test
  void staticModeListsEveryToolAndNoMetaTools() throws Exception {
    for (JsonObject filtering : List.of(new JsonObject().put("mode", "static"),
        new JsonObject().put("enabled", false).put("mode", "prompt-based"), new JsonObject())) {
      try (TestHub hub = TestHub.start(config(filtering)); McpSyncClient client = hub.client()) {
        assertThat(servers(client)).containsExactly("filesystem", "fx", "memory");
      }
    }
  }

  @Test
  void serverAllowlistAndDenylist() throws Exception {
    JsonObject allow = new JsonObject().put("mode", "server-allowlist")
        .put("serverFilter", new JsonObject().put("mode", "allowlist").put("servers", new JsonArray().add("memory")));
    try (TestHub hub = TestHub.start(config(allow)); McpSyncClient client = hub.client()) {
      assertThat(servers(client)).containsExactly("memory");
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("fx__echo", Map.of("text", "x"))))
          .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: fx__echo");
    }
    JsonObject deny = new JsonObject().put("mode", "server-allowlist")
        .put("serverFilter", new JsonObject().put("mode", "denylist").put("servers", new JsonArray().add("memory")));
    try (TestHub hub = TestHub.start(config(deny)); McpSyncClient client = hub.client()) {
      assertThat(servers(client)).containsExactly("filesystem", "fx");
    }
  }

  @Test
  void categoryAndHybridModes() throws Exception {
    JsonObject category = new JsonObject().put("mode", "category")
        .put("categoryFilter", new JsonObject().put("categories", new JsonArray().add("filesystem")));
    try (TestHub hub = TestHub.start(config(category)); McpSyncClient client = hub.client()) {
      assertThat(servers(client)).containsExactly("filesystem");
    }
    JsonObject hybrid = new JsonObject().put("mode", "hybrid")
        .put("serverFilter", new JsonObject().put("mode", "allowlist").put("servers", new JsonArray().add("memory")))
        .put("categoryFilter", new JsonObject().put("categories", new JsonArray().add("development")));
    try (TestHub hub = TestHub.start(config(hybrid)); McpSyncClient client = hub.client()) {
      assertThat(servers(client)).containsExactly("fx", "memory");
    }
  }

  @Test
  void customMappingsWinOverServerCategoriesAndToolRules() throws Exception {
    JsonObject mapped = new JsonObject().put("mode", "category")
        .put("categoryFilter", new JsonObject().put("categories", new JsonArray().add("search"))
            .put("customMappings", new JsonObject().put("FX__ECH?", "search").put("memory__*_graph", "search")));
    try (TestHub hub = TestHub.start(config(mapped)); McpSyncClient client = hub.client()) {
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("fx__echo", "memory__read_graph");
    }
  }

  @Test
  void aToolNamedInThePromptIsExposed() throws Exception {
    try (TestHub hub = TestHub.start(config(new JsonObject().put("mode", "prompt-based")));
        McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "Use `structured` to add 2 and 3")));
      @SuppressWarnings("unchecked")
      Map<String, Object> analysis = (Map<String, Object>) result.structuredContent();
      assertThat(analysis.get("exposedCategories")).isEqualTo(List.of("development"));
      assertThat(String.valueOf(analysis.get("reasoning"))).contains("tools named in the prompt: fx__structured");
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("fx__structured");
    }
  }
}
