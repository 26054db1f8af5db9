package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;

/** The default setup's servers — the reference filesystem and memory servers — used through the hub. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReferenceServersTest {

  @Test
  void filesystemAndMemoryServersWorkThroughTheHub(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "remember the milk");
    JsonObject memory = TestHub.reference("server-memory")
        .put("env", new JsonObject().put("MEMORY_FILE_PATH", dir.resolve("memory.jsonl").toString()));
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()
            .put("filesystem", TestHub.reference("server-filesystem", dir.toString()))
            .put("memory", memory)));
        McpSyncClient client = hub.client()) {
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(tools).contains("filesystem__read_text_file", "filesystem__list_allowed_directories",
          "memory__create_entities", "memory__read_graph");

      String content = Results.text(client.callTool(new McpSchema.CallToolRequest("filesystem__read_text_file",
          Map.of("path", dir.resolve("notes.txt").toString()))));
      assertThat(content).contains("remember the milk");

      client.callTool(new McpSchema.CallToolRequest("memory__create_entities", Map.of("entities", List.of(
          Map.of("name", "Ada", "entityType", "person", "observations", List.of("writes programs"))))));
      String graph = Results.text(client.callTool(new McpSchema.CallToolRequest("memory__read_graph", Map.of())));
      assertThat(graph).contains("Ada").contains("writes programs");
    }
  }

}
