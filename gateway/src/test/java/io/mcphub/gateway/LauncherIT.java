package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.RawMcp;
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
 * {@code bin/mcp-hub}, the README's run command: it runs the shipped jar with the laptop settings, records the
 * class-data-sharing archive beside the jar when the hub exits, maps it on the next start, and lets {@code JAVA_OPTS}
 * override any setting.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LauncherIT {

  private static final Path JAR = Path.of(System.getProperty("mcp-hub.jar", "target/mcp-hub.jar")).toAbsolutePath();
  private static final Path LAUNCHER = Path.of("../bin/mcp-hub").toAbsolutePath().normalize();
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/mcp");

  @Test
  void theLauncherRecordsTheArchiveThenUsesItAndJavaOptsWin(@TempDir Path dir) throws Exception {
    Path jar = Files.createSymbolicLink(dir.resolve("mcp-hub.jar"), JAR);
    Path config = Files.writeString(dir.resolve("hub.json"), "{\"mcpServers\": {}}");

    List<String> first = runUntilHealthy(dir, jar, config, "");
    assertThat(first).contains("-XX:+UseSerialGC", "-Xmx192m", "-XX:ArchiveClassesAtExit=" + dir.resolve("mcp-hub.jsa"));
    assertThat(dir.resolve("mcp-hub.jsa")).as("the archive is written when the hub exits").exists();

    List<String> second = runUntilHealthy(dir, jar, config, "-Xmx300m");
    assertThat(second).contains("-XX:SharedArchiveFile=" + dir.resolve("mcp-hub.jsa"));
    assertThat(second.lastIndexOf("-Xmx300m")).as("JAVA_OPTS come after the defaults").isGreaterThan(second.indexOf("-Xmx192m"));
  }

  /** Starts the launcher, waits until the hub is healthy, stops it with SIGTERM; returns the JVM's arguments. */
  private static List<String> runUntilHealthy(Path dir, Path jar, Path config, String javaOpts) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--no-watch", "--config", config.toString(), "--port", "0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("MCP_HUB_JAR", jar.toString());
    builder.environment().put("JAVA_OPTS", javaOpts);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    Process hub = builder.start();
    try {
      ProcessOutput stderr = ProcessOutput.drain(hub.getErrorStream(), "launcher-stderr");
      int port = Integer.parseInt(stderr.await(LISTENING, 90_000).group(1));
      RawMcp health = new RawMcp("http://127.0.0.1:" + port + "/health");
      long deadline = System.currentTimeMillis() + 30_000;
      while (health.request("GET", Map.of()).statusCode() != 200) {
        assertThat(System.currentTimeMillis()).as("healthy within 30 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      List<String> arguments = List.of(hub.toHandle().info().arguments().orElseThrow());
      hub.toHandle().destroy();
      assertThat(hub.waitFor(60, TimeUnit.SECONDS)).as("the hub stops on SIGTERM").isTrue();
      return arguments;
    } finally {
      ChildProcesses.stop(hub);
    }
  }
}
