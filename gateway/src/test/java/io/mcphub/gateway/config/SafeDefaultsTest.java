package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The default setup is safe by default: stdio children get the proxy settings and nothing secret of the hub's
 * environment, {@code ${workspace}} and {@code ${stateDir}} name directories the hub creates, the heuristic's analyses
 * do not fill the log at INFO.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SafeDefaultsTest {

  @Test
  void proxyAndCaSettingsReachAStdioChildButTheHubsSecretsDoNot() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("HTTPS_PROXY", "http://proxy.corp.example:3128");
    environment.put("no_proxy", "localhost,127.0.0.1");
    environment.put("NODE_EXTRA_CA_CERTS", "/etc/ssl/corp-ca.pem");
    environment.put("GEMINI_API_KEY", "hub-only-secret");
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))), environment::get);
        McpSyncClient client = hub.client()) {
      assertThat(env(client, "HTTPS_PROXY")).isEqualTo("http://proxy.corp.example:3128");
      assertThat(env(client, "no_proxy")).isEqualTo("localhost,127.0.0.1");
      assertThat(env(client, "NODE_EXTRA_CA_CERTS")).isEqualTo("/etc/ssl/corp-ca.pem");
      assertThat(env(client, "GEMINI_API_KEY")).isEqualTo("<unset>");
    }
  }

  @Test
  void workspaceAndStateDirAreCreatedWhereTheEnvironmentSays(@TempDir Path dir) {
    Map<String, String> environment = Map.of("XDG_STATE_HOME", dir.resolve("state").toString(),
        HubPaths.WORKSPACE_VARIABLE, dir.resolve("files").toString());
    HubConfig config = new ConfigParser(environment::get).parse(new JsonObject("""
        {"mcpServers": {
          "filesystem": {"command": "npx", "args": ["-y", "server-filesystem", "${workspace}"]},
          "memory": {"command": "npx", "env": {"MEMORY_FILE_PATH": "${stateDir}/memory.jsonl"}}}}"""));
    assertThat(config.servers().get("filesystem").args()).last().isEqualTo(dir.resolve("files").toString());
    assertThat(config.servers().get("memory").env()).containsEntry("MEMORY_FILE_PATH",
        dir.resolve("state/mcp-hub/memory.jsonl").toString());
    assertThat(dir.resolve("files")).isDirectory();
    assertThat(dir.resolve("state/mcp-hub")).isDirectory();
  }

  @Test
  void theShippedConfigKeepsFilesInTheWorkspaceAndTheStateDirectory(@TempDir Path dir) throws Exception {
    Map<String, String> environment = Map.of("XDG_STATE_HOME", dir.resolve("state").toString(),
        HubPaths.WORKSPACE_VARIABLE, dir.resolve("files").toString());
    HubConfig config = new ConfigParser(environment::get).parse(new JsonObject(Files.readString(Path.of("../conf/mcp-servers.json"))));
    assertThat(config.servers().get("filesystem").args()).doesNotContain("/tmp").last().isEqualTo(dir.resolve("files").toString());
    assertThat(config.servers().get("memory").env().get("MEMORY_FILE_PATH")).startsWith(dir.resolve("state/mcp-hub").toString());
  }

  @Test
  void theShippedConfigSelectsToolsWithTheHeuristicAndTheInProcessEmbeddingsNoKeyNoNetwork(@TempDir Path dir) throws Exception {
    Map<String, String> environment = Map.of("XDG_STATE_HOME", dir.resolve("state").toString(),
        HubPaths.WORKSPACE_VARIABLE, dir.resolve("files").toString());
    HubConfig config = new ConfigParser(environment::get).parse(new JsonObject(Files.readString(Path.of("../conf/mcp-servers.json"))));
    assertThat(config.filtering().llm().provider()).isEqualTo("heuristic");
    assertThat(io.mcphub.gateway.categorize.CategorizerDeployment.toolScorer(config.filtering())).isEqualTo("embedding");
  }

  @Test
  void theHeuristicsAnalysisLineIsDebugUnlessDebugToolFilteringIsSet() {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Logger metaTools = (Logger) LoggerFactory.getLogger("io.mcphub.gateway.mcp.MetaTools");
    Level before = metaTools.getLevel();
    metaTools.setLevel(Level.DEBUG);
    captured.start();
    metaTools.addAppender(captured);
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "filesystem")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
    try {
      assertThat(analysisLevel(config.copy(), System::getenv, captured)).isEqualTo(Level.DEBUG);
      captured.list.clear();
      Map<String, String> debugging = new HashMap<>(System.getenv());
      debugging.put("DEBUG_TOOL_FILTERING", "true");
      assertThat(analysisLevel(config.copy(), debugging::get, captured)).isEqualTo(Level.INFO);
    } finally {
      metaTools.detachAppender(captured);
      metaTools.setLevel(before);
    }
  }

  private static Level analysisLevel(JsonObject config, java.util.function.Function<String, String> environment,
      ListAppender<ILoggingEvent> captured) {
    try (TestHub hub = TestHub.start(config, environment); McpSyncClient client = hub.client()) {
      client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", "read the file notes.txt")));
      List<ILoggingEvent> lines = captured.list.stream()
          .filter(event -> "LLM analysis completed".equals(event.getMessage())).toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0).getKeyValuePairs().toString()).contains("heuristic");
      return lines.get(0).getLevel();
    }
  }

  private static String env(McpSyncClient client, String name) {
    return Results.text(client.callTool(new McpSchema.CallToolRequest("fx__env", Map.of("name", name))));
  }
}
