package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as an operator runs it: a separate JVM process, its exit codes, its log file, its shutdown. Its stderr is
 * read from the start on a thread of its own (a full pipe would block the hub's logging), and every hub a test
 * starts is stopped with its whole process tree after the test, whether it passed, failed or timed out.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MainProcessTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/mcp");

  private record Hub(Process process, ProcessOutput stderr) {
  }

  private final List<Process> started = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopHubs() {
    started.forEach(ChildProcesses::stop);
  }

  @Test
  void aBadConfigExitsWith2AndOneLinePerProblem(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("bad.json"),
        "{\"hub\": {\"port\": -1}, \"mcpServers\": {\"x\": {\"command\": \"node\", \"args\": \"oops\"}}}");
    Hub hub = start(dir, "--config", config.toString());
    assertThat(hub.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    String stderr = hub.stderr().awaitEnd(10_000);
    assertThat(hub.process().exitValue()).isEqualTo(2);
    assertThat(stderr).contains("mcp-hub: config: hub.port: got -1, expected an integer from 0 to 65535")
        .contains("mcp-hub: config: mcpServers.x.args: got \"oops\", expected an array of strings")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  /**
   * Without {@code cluster.enabled} or {@code --cluster} the hub runs alone: no Hazelcast member starts, and the hub's
   * cluster code is never loaded. (On this class path Vert.x's service loader still instantiates the idle
   * HazelcastClusterManager; the shaded jar leaves its service entry out, see ShadedJarIT.)
   */
  @Test
  void aHubWithoutClusterStartsNoHazelcast(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("hub.json"),
        TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))).encode());
    Path loaded = dir.resolve("classes.log");
    Hub hub = start(dir, Map.of(), List.of("-Xlog:class+load=info:file=" + loaded), "--config", config.toString(),
        "--port", "0");
    awaitHealthy(awaitListening(hub));
    String classes = Files.readString(loaded);
    assertThat(classes).contains("io.mcphub.gateway.HubVerticle")
        .doesNotContain("com.hazelcast.instance.impl.HazelcastInstanceImpl").doesNotContain("io.mcphub.gateway.cluster.");
  }

  @Test
  void anUnknownOptionExitsWith2AndPrintsUsage(@TempDir Path dir) throws Exception {
    Hub hub = start(dir, "--frobnicate");
    assertThat(hub.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(hub.process().exitValue()).isEqualTo(2);
    assertThat(hub.stderr().awaitEnd(10_000)).contains("unknown option --frobnicate").contains("usage:");
  }

  @Test
  void sigtermStopsTheHubAndItsUpstreamsAndTheLogHoldsJsonLinesWithoutSecrets(@TempDir Path dir) throws Exception {
    JsonObject fixture = TestHub.fixture("fx").put("env", new JsonObject().put("API_TOKEN", "${SECRET_FOR_TEST}"));
    Path config = Files.writeString(dir.resolve("hub.json"), new JsonObject()
        .put("mcpServers", new JsonObject().put("fx", fixture).put("fy", TestHub.fixture("fy"))).encode());
    Hub hub = start(dir, "--config", config.toString(), "--port", "0");
    int port = awaitListening(hub);

    RawMcp raw = new RawMcp("http://127.0.0.1:" + port + "/mcp");
    awaitHealthy(port);
    String session = raw.initialize("2025-11-25");
    JsonObject echo = raw.call(session, "tools/call", new JsonObject().put("name", "fx__env")
        .put("arguments", new JsonObject().put("name", "API_TOKEN")));
    assertThat(echo.toString()).contains("very-secret-value");

    List<ProcessHandle> upstreams = hub.process().descendants().toList();
    assertThat(upstreams).hasSizeGreaterThanOrEqualTo(2);
    // SIGTERM through the handle: Process.destroy() would also close our end of the hub's stderr mid-shutdown
    hub.process().toHandle().destroy();
    assertThat(hub.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    // the hub sends its upstreams SIGTERM and, after a grace period, SIGKILL; they exit by themselves
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    assertThat(upstreams).allSatisfy(upstream -> assertThat(ChildProcesses.awaitExit(upstream, deadline))
        .as("upstream %d exited", upstream.pid()).isTrue());

    Path log = dir.resolve("state/mcp-hub/logs/mcp-hub.log");
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat(new JsonObject(line).getString("level")).isNotBlank());
    assertThat(String.join("\n", lines)).doesNotContain("very-secret-value").contains("mcp-hub stopped")
        .contains("[fx] fx fixture ready");
  }

  @Test
  void everyAnalysisLogsOneLineWithoutThePromptAndDebugModeLogsTheDecisionWithAHash(@TempDir Path dir) throws Exception {
    // only categories that hold tools are asked about: the fixture's tools are filed under filesystem
    JsonObject config = new JsonObject().put("mcpServers", new JsonObject().put("fx", TestHub.fixture("fx").put("category", "filesystem")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
    Path file = Files.writeString(dir.resolve("hub.json"), config.encode());
    Hub hub = start(dir, Map.of("DEBUG_TOOL_FILTERING", "true"), "--config", file.toString(), "--port", "0");
    int port = awaitListening(hub);
    awaitHealthy(port);
    RawMcp raw = new RawMcp("http://127.0.0.1:" + port + "/mcp");
    String session = raw.initialize("2025-11-25");
    String secretPrompt = "Read the file quarterly-payroll-secret.txt";
    // the analysis exposes tools, so the answer streams (list_changed first): read it as it comes
    String answer = raw.post(new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call")
        .put("params", new JsonObject().put("name", "hub__analyze_prompt").put("arguments", new JsonObject().put("prompt", secretPrompt)))
        .encode(), RawMcp.headers(session)).body();
    assertThat(answer).contains("notifications/tools/list_changed").contains("exposedTools");
    hub.process().toHandle().destroy();
    assertThat(hub.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

    List<JsonObject> lines = Files.readAllLines(dir.resolve("state/mcp-hub/logs/mcp-hub.log")).stream().map(JsonObject::new).toList();
    JsonObject analysis = lines.stream().filter(l -> "LLM analysis completed".equals(l.getString("formattedMessage")))
        .findFirst().orElseThrow();
    assertThat(analysis.getString("level")).isEqualTo("INFO");
    assertThat(analysis.encode()).contains("latencyMs").contains("\"source\"").contains("heuristic").contains("filesystem");
    JsonObject decision = lines.stream().filter(l -> "exposure decision".equals(l.getString("formattedMessage")))
        .findFirst().orElseThrow();
    assertThat(decision.encode()).contains("promptSha256").contains("scores");
    assertThat(lines).allSatisfy(line -> assertThat(line.encode()).doesNotContain("quarterly-payroll-secret"));
  }

  @Test
  void aReloadWarnsOfRestartOnlyChangesButNotOfTheAddressTheCommandLineSet(@TempDir Path dir) throws Exception {
    JsonObject config = new JsonObject().put("hub", new JsonObject().put("port", 7000))
        .put("mcpServers", new JsonObject().put("fx", TestHub.fixture("fx")));
    Path file = Files.writeString(dir.resolve("hub.json"), config.encode());
    Hub hub = start(dir, "--config", file.toString(), "--port", "0");
    awaitHealthy(awaitListening(hub));
    Path log = dir.resolve("state/mcp-hub/logs/mcp-hub.log");
    // a change that applies live, in a file whose hub.port the command line overrides
    Files.writeString(file, config.copy().put("toolFiltering", new JsonObject().put("mode", "static")).encode());
    awaitLogged(log, "config reloaded", 1);
    // a change that waits for a restart
    config.getJsonObject("hub").put("maxBodyBytes", 2_000_000);
    Files.writeString(file, config.copy().put("toolFiltering", new JsonObject().put("mode", "prompt-based")).encode());
    awaitLogged(log, "config reloaded", 2);
    hub.process().toHandle().destroy();
    assertThat(hub.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    List<String> messages = Files.readAllLines(log).stream().map(line -> new JsonObject(line).getString("formattedMessage")).toList();
    assertThat(messages.stream().filter(message -> message.contains("apply at the next restart")))
        .as("one warning, for maxBodyBytes only").hasSize(1);
  }

  private static void awaitLogged(Path log, String prefix, int times) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        if (Files.readAllLines(log).stream().filter(line -> line.contains(prefix)).count() >= times) {
          return;
        }
      } catch (IOException e) {
        // not written yet
      }
      assertThat(System.currentTimeMillis()).as("log line '%s' x%d", prefix, times).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void aPortInUseExitsWith1(@TempDir Path dir) throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path config = Files.writeString(dir.resolve("hub.json"), "{\"mcpServers\": {}}");
      Hub hub = start(dir, "--config", config.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertThat(hub.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(hub.process().exitValue()).isEqualTo(1);
      assertThat(hub.stderr().awaitEnd(10_000)).contains("cannot start: 127.0.0.1:" + taken.getLocalPort() + " is already in use");
    }
  }

  @Test
  void aTopLevelTypoThatLeavesNoServersStopsTheStartNamingTheKeyItProbablyMeant(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("hub.json"), "{\"mcpServer\": {\"fx\": {\"command\": \"node\"}}}");
    Hub hub = start(dir, "--config", config.toString(), "--port", "0");
    assertThat(hub.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(hub.process().exitValue()).isEqualTo(2);
    assertThat(hub.stderr().awaitEnd(10_000))
        .contains("mcp-hub: config: mcpServer: unknown key; did you mean mcpServers? Without \"mcpServers\" the hub would run no server");
  }

  private Hub start(Path dir, String... args) throws IOException {
    return start(dir, Map.of(), args);
  }

  private Hub start(Path dir, Map<String, String> env, String... args) throws IOException {
    return start(dir, env, List.of(), args);
  }

  /** Starts the hub JVM (with {@code jvmOptions}); {@link #stopHubs()} stops it and its upstreams after the test. */
  private Hub start(Path dir, Map<String, String> env, List<String> jvmOptions, String... args) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    builder.environment().put("SECRET_FOR_TEST", "very-secret-value");
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    return new Hub(process, ProcessOutput.drain(process.getErrorStream(), "hub-stderr"));
  }

  private static int awaitListening(Hub hub) throws InterruptedException {
    return Integer.parseInt(hub.stderr().await(LISTENING, 60_000).group(1));
  }

  private static void awaitHealthy(int port) throws InterruptedException {
    RawMcp health = new RawMcp("http://127.0.0.1:" + port + "/health");
    long deadline = System.currentTimeMillis() + 20_000;
    while (health.request("GET", Map.of()).statusCode() != 200) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
