package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/staging-smoke-tests.sh} against a live hub: all ten checks pass; with the hub down it fails. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StagingSmokeTestsTest {

  private record Run(int exitCode, String output) {
  }

  @Test
  void allTenChecksPassAgainstALiveStagingHubAndHealthFailsWhenItIsDown(@TempDir Path dir) throws Exception {
    JsonObject llm = new JsonObject().put("enabled", true).put("provider", "gemini").put("apiKey", "${GEMINI_API_KEY}")
        .put("baseUrl", "http://127.0.0.1:9").put("fallbackToHeuristic", true).put("confidenceThreshold", 0.7);
    JsonObject config = new JsonObject().put("hub", new JsonObject().put("port", 0))
        .put("toolFiltering", new JsonObject().put("enabled", true).put("mode", "prompt-based").put("llmCategorization", llm)
            .put("promptBasedFiltering", new JsonObject().put("defaultExposure", "meta-only").put("sessionIsolation", true)))
        .put("mcpServers", new JsonObject().put("files", TestHub.fixture("files").put("category", "filesystem")));
    Path file = Files.writeString(dir.resolve("staging.json"), config.encodePrettily());
    String url;
    try (TestHub hub = TestHub.watching(file, name -> "GEMINI_API_KEY".equals(name) ? "dummy-key" : System.getenv(name))) {
      url = hub.baseUrl();
      Run passing = smoke(dir, url, file);
      assertThat(passing.output()).contains("10/10 passed").contains("PASS an MCP session starts with meta tools")
          .doesNotContain("\u001b[");
      assertThat(passing.exitCode()).as(passing.output()).isZero();
    }
    Run down = smoke(dir, url, file);
    assertThat(down.exitCode()).isNotZero();
    assertThat(down.output()).contains("FAIL hub health is UP").contains("8/10 passed");
  }

  private static Run smoke(Path dir, String url, Path config) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of("bash", Path.of("../scripts/staging-smoke-tests.sh").toAbsolutePath().toString(),
        "--url", url, "--config", config.toString())).redirectErrorStream(true);
    builder.environment().put("GEMINI_API_KEY", "dummy-key");
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    Process process = builder.start();
    try {
      ProcessOutput output = ProcessOutput.drain(process.getInputStream(), "smoke-tests");
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the smoke tests finish: %s", output.text()).isTrue();
      return new Run(process.exitValue(), output.awaitEnd(10_000));
    } finally {
      ChildProcesses.stop(process);
    }
  }
}
