package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging guide's gradual rollback, run as written: its {@code sed} commands, applied to a watched copy of the
 * staging config, switch a running hub to static mode and back without a restart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StagingRollbackTest {

  private static final String STAGING = "conf/mcp-servers.staging.json";

  @Test
  void theGuidesRollbackCommandsSwitchARunningHubToStaticAndBack(@TempDir Path dir) throws Exception {
    List<String> commands = Files.readAllLines(Path.of("../docs/staging-deployment.md")).stream()
        .filter(line -> line.startsWith("sed -i ") && line.endsWith(STAGING)).toList();
    assertThat(commands).hasSize(2);

    String staging = Files.readString(Path.of("..", STAGING));
    String servers = "\"mcpServers\": {\"files\": {\"command\": \"node\", \"args\": [\"" + TestHub.FIXTURE + "\", \"files\"],"
        + " \"category\": \"filesystem\"}}\n}\n";
    String config = staging.substring(0, staging.indexOf("\"mcpServers\"")) + servers;
    config = config.replace("\"port\": 7000", "\"port\": 0");
    Path file = Files.writeString(dir.resolve("mcp-servers.staging.json"), config);

    try (TestHub hub = TestHub.watching(file, name -> name.endsWith("_API_KEY") || name.endsWith("_TOKEN") ? "dummy" : null);
        McpSyncClient client = hub.client()) {
      assertThat(names(client)).allMatch(name -> name.startsWith("hub__"));
      run(commands.get(0).replace(STAGING, file.toString()));
      Await.until(() -> names(client).contains("files__echo") && names(client).stream().noneMatch(n -> n.startsWith("hub__")));
      run(commands.get(1).replace(STAGING, file.toString()));
      Await.until(() -> names(client).stream().allMatch(n -> n.startsWith("hub__")));
    }
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  private static void run(String command) throws Exception {
    Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    try {
      ProcessOutput output = ProcessOutput.drain(process.getInputStream(), "rollback-command");
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as(command).isTrue();
      assertThat(process.exitValue()).as("%s: %s", command, output.awaitEnd(10_000)).isZero();
    } finally {
      ChildProcesses.stop(process);
    }
  }
}
