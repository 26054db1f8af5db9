package io.mcphub.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.Main;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.OtlpReceiver;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.RawMcp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as operators start it: {@code Main} with {@code --port 0} (which rewrites the config) and tracing turned on by
 * the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} alone exports the request spans.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TracingProcessTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/mcp");

  @Test
  void theStandardEndpointVariableTurnsTracingOnForTheCommandLineHub(@TempDir Path dir) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Path config = Files.writeString(dir.resolve("hub.json"), "{\"mcpServers\": {}}");
      String base = receiver.url().substring(0, receiver.url().length() - "/v1/traces".length());
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), Main.class.getName(),
          "--config", config.toString(), "--port", "0", "--no-watch"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
      builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", base);
      builder.environment().put("OTEL_SERVICE_NAME", "hub-from-env");
      Process process = builder.start();
      try {
        ProcessOutput stderr = ProcessOutput.drain(process.getErrorStream(), "hub-stderr");
        int port = Integer.parseInt(stderr.await(LISTENING, 60_000).group(1));
        new RawMcp("http://127.0.0.1:" + port + "/mcp").initialize("2025-11-25");

        Await.until(() -> receiver.spans().stream().anyMatch(span -> span.name().equals("initialize")));
        assertThat(receiver.spans().get(0).resource()).containsEntry("service.name", "hub-from-env");
      } finally {
        ChildProcesses.stop(process);
      }
    }
  }
}
