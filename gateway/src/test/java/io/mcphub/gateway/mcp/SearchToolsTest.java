package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code hub__search_tools} end to end: two fixture servers behind the hub in prompt-based mode, a real MCP client
 * searches, reads full definitions, calls what it found through {@code hub__call_tool}, and its list stays as it was.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SearchToolsTest {

  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    hub = TestHub.start(TestHub.config(new JsonObject().put("alpha", TestHub.fixture("alpha")).put("beta", TestHub.fixture("beta")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based")));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void aSearchReturnsRankedFullDefinitionsThatCanBeCalledAtOnceWithoutChangingTheList() throws Exception {
    try (McpSyncClient client = hub.client()) {
      List<String> before = names(client);
      assertThat(before).contains("hub__search_tools").allMatch(name -> name.startsWith("hub__"));
      Await.until(() -> !tools(search(client, Map.of("query", "echo the text back"))).isEmpty());

      McpSchema.CallToolResult result = search(client, Map.of("query", "echo the text back", "limit", 3));
      List<Map<String, Object>> found = tools(result);
      assertThat(found).hasSizeBetween(1, 3);
      Map<String, Object> first = found.get(0);
      assertThat((String) first.get("name")).matches("(alpha|beta)__echo");
      assertThat(first.get("description")).isEqualTo("Echoes the text back");
      assertThat(first.get("inputSchema")).isInstanceOf(Map.class);
      assertThat(((Number) first.get("confidence")).doubleValue()).isGreaterThan(0).isLessThan(1);
      assertThat(Results.text(result)).contains((String) first.get("name"));

      McpSchema.CallToolResult echoed = client.callTool(new McpSchema.CallToolRequest("hub__call_tool",
          Map.of("name", first.get("name"), "arguments", Map.of("text", "hi"))));
      assertThat(Results.text(echoed)).isEqualTo("echo: hi");
      assertThat(names(client)).isEqualTo(before);
    }
  }

  @Test
  void aToolAnUpstreamAddsLaterBecomesSearchable() throws Exception {
    try (McpSyncClient client = hub.client()) {
      assertThat(tools(search(client, Map.of("query", "frobnicate the widgets")))).isEmpty();
      client.callTool(new McpSchema.CallToolRequest("hub__call_tool", Map.of("name", "beta__add_tool",
          "arguments", Map.of("name", "frobnicate_widgets"))));
      Await.until(() -> tools(search(client, Map.of("query", "frobnicate the widgets"))).stream()
          .anyMatch(tool -> "beta__frobnicate_widgets".equals(tool.get("name"))));
    }
  }

  @Test
  void aMissingQueryOrABadLimitIsAToolErrorAndLimitCapsTheResult() {
    try (McpSyncClient client = hub.client()) {
      assertThat(search(client, Map.of()).isError()).isTrue();
      assertThat(search(client, Map.of("query", "  ")).isError()).isTrue();
      for (Object limit : List.of(0, 51, "3", 2.5)) {
        McpSchema.CallToolResult refused = search(client, Map.of("query", "echo", "limit", limit));
        assertThat(refused.isError()).as("limit %s", limit).isTrue();
        assertThat(Results.text(refused)).contains("limit must be an integer from 1 to 50");
      }
      assertThat(tools(search(client, Map.of("query", "echo the text back", "limit", 1)))).hasSize(1);
    }
  }

  private static McpSchema.CallToolResult search(McpSyncClient client, Map<String, Object> arguments) {
    return client.callTool(new McpSchema.CallToolRequest("hub__search_tools", arguments));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tools(McpSchema.CallToolResult result) {
    assertThat(result.isError()).as("search result %s", result).isNotEqualTo(Boolean.TRUE);
    return (List<Map<String, Object>>) ((Map<String, Object>) result.structuredContent()).get("tools");
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }
}
