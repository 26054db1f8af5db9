package io.mcphub.gateway.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code hub__analyze_prompt} answers with the full definitions of what it exposed, so a client that never re-lists
 * its tools (it ignores {@code list_changed}) can call them at once through {@code hub__call_tool}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnalyzeToolsTest {

  @Test
  @SuppressWarnings("unchecked")
  void theAnalysisCarriesTheExposedToolsDefinitionsAndOneCanBeCalledWithoutListing() throws Exception {
    Path dir = Files.createTempDirectory("mcp-hub-analyze-tools");
    JsonObject config = TestHub.config(new JsonObject().put("filesystem", TestHub.reference("server-filesystem", dir.toString())))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
    try (TestHub hub = TestHub.start(config);
        McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", PromptFilteringTest.FILES_PROMPT)));
      Map<String, Object> analysis = (Map<String, Object>) result.structuredContent();
      assertThat(analysis).containsKeys("categories", "exposedCategories", "exposedTools", "source", "threshold", "latencyMs",
          "reasoning");
      List<Map<String, Object>> tools = (List<Map<String, Object>>) analysis.get("tools");
      Map<String, Object> selection = (Map<String, Object>) analysis.get("selection");
      assertThat(selection).containsEntry("maxTools", FilteringOptions.DEFAULT_MAX_TOOLS).containsKey("rule");
      assertThat(((Number) selection.get("maxByOwnEvidence")).intValue()).as("the list length this request's need allows")
          .isEqualTo(io.mcphub.gateway.categorize.ToolSelection.listLength(FilteringOptions.DEFAULT_MAX_TOOLS,
              ((Number) selection.get("toolNeed")).doubleValue(), ((Number) analysis.get("threshold")).doubleValue()));
      assertThat(tools).hasSizeLessThanOrEqualTo(20);
      assertThat(tools).extracting(tool -> tool.get("name")).containsExactlyInAnyOrderElementsOf((List<Object>) analysis.get("exposedTools"));
      Map<String, Object> listDirs = tools.stream().filter(t -> "filesystem__list_allowed_directories".equals(t.get("name")))
          .findFirst().orElseThrow();
      assertThat(listDirs).containsKeys("description", "inputSchema");
      assertThat(((Number) listDirs.get("confidence")).doubleValue()).isGreaterThanOrEqualTo(0.7).isLessThanOrEqualTo(1.0);
      assertThat(Results.text(result)).contains("filesystem__list_allowed_directories");

      McpSchema.CallToolResult dirs = client.callTool(new McpSchema.CallToolRequest("hub__call_tool",
          Map.of("name", listDirs.get("name"), "arguments", Map.of())));
      assertThat(Results.text(dirs)).contains(dir.getFileName().toString());
    }
  }
}
