package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact we ship, run as the README says: {@code java -jar target/mcp-hub.jar} (built in the {@code package}
 * phase; failsafe runs this in {@code integration-test}) in front of our stdio fixture server, answering
 * {@code initialize}, {@code tools/list} and a tool call over HTTP. A shading mistake — a lost service file, a
 * missing dependency, a wrong main class — fails here and not in the in-process tests.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShadedJarIT {

  private static final Path JAR = Path.of(System.getProperty("mcp-hub.jar", "target/mcp-hub.jar")).toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/mcp");

  @Test
  void theShadedJarServesToolsOfAStdioUpstream(@TempDir Path dir) throws Exception {
    assertThat(JAR).exists();
    Path config = Files.writeString(dir.resolve("hub.json"),
        TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))).encode());
    Path loaded = dir.resolve("classes.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + loaded, "-jar", JAR.toString(), "--config", config.toString(), "--port", "0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    Process hub = builder.start();
    try {
      ProcessOutput stderr = ProcessOutput.drain(hub.getErrorStream(), "jar-stderr");
      int port = Integer.parseInt(stderr.await(LISTENING, 60_000).group(1));
      awaitHealthy(port);

      RawMcp raw = new RawMcp("http://127.0.0.1:" + port + "/mcp");
      String session = raw.initialize("2025-11-25");
      JsonArray tools = raw.call(session, "tools/list", null).getJsonObject("result").getJsonArray("tools");
      List<String> names = tools.stream().map(tool -> ((JsonObject) tool).getString("name")).toList();
      assertThat(names).contains("fx__echo", "fx__structured");
      JsonObject echo = raw.call(session, "tools/call", new JsonObject().put("name", "fx__echo")
          .put("arguments", new JsonObject().put("text", "from the jar")));
      assertThat(echo.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
          .isEqualTo("echo: from the jar");
      assertThat(Files.readString(loaded)).as("a hub without cluster loads nothing of Hazelcast")
          .contains("io.mcphub.gateway.HubVerticle").doesNotContain("com.hazelcast.").doesNotContain("hazelcast.HazelcastClusterManager");

      // SIGTERM through the handle: Process.destroy() would also close our end of the hub's stderr
      hub.toHandle().destroy();
      assertThat(hub.waitFor(20, TimeUnit.SECONDS)).as("the hub stops on SIGTERM").isTrue();
      assertThat(stderr.awaitEnd(10_000)).contains("mcp-hub stopped");
    } finally {
      ChildProcesses.stop(hub);
    }
  }

  private static void awaitHealthy(int port) throws InterruptedException {
    RawMcp health = new RawMcp("http://127.0.0.1:" + port + "/health");
    long deadline = System.currentTimeMillis() + 30_000;
    while (health.request("GET", Map.of()).statusCode() != 200) {
      assertThat(System.currentTimeMillis()).as("healthy within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
