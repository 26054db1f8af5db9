package io.mcphub.gateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tools/call} latency through the hub against the same stdio upstream called directly, side by side
 * and interleaved in one run. Prints p50/p99, throughput, the hub process's CPU-ms per call, and its RSS
 * idle and with 100 concurrent sessions. Run with {@code scripts/benchmark.sh}.
 */
public final class CallBenchmark {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/mcp");
  private static final long CLOCK_TICKS_PER_SECOND = 100;
  private static final io.vertx.core.json.JsonObject ECHO_ARGS = new io.vertx.core.json.JsonObject().put("text", "hello");

  private record Stats(String target, int concurrency, long calls, double seconds, double p50, double p99, double cpuMsPerCall) {
    String row() {
      return String.format(Locale.ROOT, "| %-22s | %3d | %8d | %9.0f | %8.3f | %8.3f | %s |", target, concurrency, calls,
          calls / seconds, p50, p99, Double.isNaN(cpuMsPerCall) ? "-" : String.format(Locale.ROOT, "%.3f", cpuMsPerCall));
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(arg(args, "--jar", "gateway/target/mcp-hub.jar"));
    Path fixture = Path.of(arg(args, "--fixture", "gateway/src/test/resources/fixtures/fixture-server.mjs")).toAbsolutePath();
    int calls = Integer.parseInt(arg(args, "--calls", "5000"));
    int rounds = Integer.parseInt(arg(args, "--rounds", "3"));
    int seconds = Integer.parseInt(arg(args, "--seconds", "10"));

    List<Stats> direct = new ArrayList<>();
    List<Stats> viaHub = new ArrayList<>();
    Path dir = Files.createTempDirectory("mcp-hub-bench");
    Path config = Files.writeString(dir.resolve("bench.json"), new JsonObject().put("mcpServers", new JsonObject()
        .put("fx", new JsonObject().put("command", "node").put("args", new JsonArray().add(fixture.toString()).add("fx"))))
        .encode());
    String jvmOptions = arg(args, "--jvm", "");
    Process hub = startHub(jar, jvmOptions, config, dir);
    try {
      int port = awaitListening(hub);
      String url = "http://127.0.0.1:" + port + "/mcp";
      long idleRss = rssKb(hub.pid());
      try (StdioClient upstream = StdioClient.start(fixture)) {
        McpHttpClient warm = McpHttpClient.open(url);
        for (int i = 0; i < calls; i++) {
          upstream.echo();
          warm.call("fx__echo", ECHO_ARGS, "echo: hello");
        }
        for (int round = 0; round < rounds; round++) {
          direct.add(sequential("direct (stdio)", upstream::echo, calls, -1));
          McpHttpClient client = McpHttpClient.open(url);
          viaHub.add(sequential("through hub (HTTP)", () -> client.call("fx__echo", ECHO_ARGS, "echo: hello"), calls, hub.pid()));
        }
      }
      Stats concurrent = concurrent(url, 16, seconds, hub.pid());
      long loadedRss = hundredSessionsRss(url, hub.pid());
      print(direct, viaHub, concurrent, idleRss, loadedRss);
    } finally {
      hub.destroy();
      hub.waitFor(15, TimeUnit.SECONDS);
    }
  }

  private static void print(List<Stats> direct, List<Stats> viaHub, Stats concurrent, long idleRss, long loadedRss) {
    System.out.println("| target                 |   c |    calls |  calls/s |  p50 ms |  p99 ms | hub CPU-ms/call |");
    System.out.println("|------------------------|-----|----------|----------|---------|---------|-----------------|");
    for (int i = 0; i < direct.size(); i++) {
      System.out.println(direct.get(i).row());
      System.out.println(viaHub.get(i).row());
    }
    System.out.println(concurrent.row());
    double directP50 = median(direct.stream().mapToDouble(Stats::p50).toArray());
    double hubP50 = median(viaHub.stream().mapToDouble(Stats::p50).toArray());
    double cpu = median(viaHub.stream().mapToDouble(Stats::cpuMsPerCall).toArray());
    System.out.printf(Locale.ROOT, "%nmedian of rounds, c=1: direct p50 %.3f ms, through hub p50 %.3f ms, hub overhead %.3f ms;"
        + " hub CPU %.3f ms/call%n", directP50, hubP50, hubP50 - directP50, cpu);
    System.out.printf(Locale.ROOT, "hub RSS: idle %d MiB, with 100 concurrent sessions %d MiB%n", idleRss / 1024, loadedRss / 1024);
  }

  private static Stats sequential(String target, ThrowingRunnable call, int calls, long cpuPid) throws Exception {
    double[] latencies = new double[calls];
    long cpuBefore = cpuPid > 0 ? cpuTicks(cpuPid) : 0;
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      call.run();
      latencies[i] = (System.nanoTime() - t0) / 1e6;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpu = cpuPid > 0 ? (cpuTicks(cpuPid) - cpuBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND / calls : Double.NaN;
    Arrays.sort(latencies);
    return new Stats(target, 1, calls, elapsed, percentile(latencies, 50), percentile(latencies, 99), cpu);
  }

  private static Stats concurrent(String url, int sessions, int seconds, long hubPid) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    AtomicBoolean running = new AtomicBoolean(true);
    List<CompletableFuture<List<Double>>> workers = new ArrayList<>();
    List<McpHttpClient> clients = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      clients.add(McpHttpClient.open(url));
    }
    long cpuBefore = cpuTicks(hubPid);
    long start = System.nanoTime();
    for (McpHttpClient client : clients) {
      workers.add(CompletableFuture.supplyAsync(() -> {
        List<Double> latencies = new ArrayList<>();
        while (running.get()) {
          long t0 = System.nanoTime();
          client.call("fx__echo", ECHO_ARGS, "echo: hello");
          latencies.add((System.nanoTime() - t0) / 1e6);
        }
        return latencies;
      }, pool));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    double[] all = workers.stream().flatMap(w -> w.join().stream()).mapToDouble(Double::doubleValue).sorted().toArray();
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    double cpu = (cpuTicks(hubPid) - cpuBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND / all.length;
    return new Stats("through hub (HTTP)", sessions, all.length, elapsed, percentile(all, 50), percentile(all, 99), cpu);
  }

  private static long hundredSessionsRss(String url, long hubPid) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(100);
    List<CompletableFuture<Void>> sessions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sessions.add(CompletableFuture.runAsync(() -> {
        McpHttpClient client = McpHttpClient.open(url);
        for (int call = 0; call < 50; call++) {
          client.call("fx__echo", ECHO_ARGS, "echo: hello");
        }
      }, pool));
    }
    long peak = 0;
    while (!sessions.stream().allMatch(CompletableFuture::isDone)) {
      peak = Math.max(peak, rssKb(hubPid));
      Thread.sleep(20);
    }
    sessions.forEach(CompletableFuture::join);
    pool.shutdown();
    return Math.max(peak, rssKb(hubPid));
  }

  static Process startHub(Path jar, String jvmOptions, Path config, Path dir) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (!jvmOptions.isBlank()) {
      command.addAll(List.of(jvmOptions.strip().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--config", config.toString(), "--port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  static int awaitListening(Process hub) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(hub.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        Thread drain = new Thread(() -> drain(reader));
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(matcher.group(1));
      }
    }
    throw new IllegalStateException("the hub exited before listening");
  }

  private static void drain(BufferedReader reader) {
    try {
      while (reader.readLine() != null) {
        // keep the hub's stderr pipe from filling up
      }
    } catch (IOException e) {
      // the hub exited
    }
  }

  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  static double percentile(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** A minimal MCP client over the upstream's own stdio: the "direct" baseline. */
  private static final class StdioClient implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private long nextId = 1;

    private StdioClient(Process process) {
      this.process = process;
      this.in = process.getOutputStream();
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static StdioClient start(Path fixture) throws IOException {
      StdioClient client = new StdioClient(new ProcessBuilder("node", fixture.toString(), "direct")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start());
      client.request("initialize", new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject())
          .put("clientInfo", new JsonObject().put("name", "bench").put("version", "1")));
      client.write(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
      return client;
    }

    void echo() throws IOException {
      JsonObject result = request("tools/call", new JsonObject().put("name", "echo").put("arguments", new JsonObject().put("text", "hello")));
      if (!result.encode().contains("echo: hello")) {
        throw new IllegalStateException("unexpected result " + result);
      }
    }

    private JsonObject request(String method, JsonObject params) throws IOException {
      long id = nextId++;
      write(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method).put("params", params));
      String line;
      while ((line = out.readLine()) != null) {
        JsonObject message = new JsonObject(line);
        if (Long.valueOf(id).equals(message.getLong("id"))) {
          return message;
        }
      }
      throw new IOException("upstream closed");
    }

    private void write(JsonObject message) throws IOException {
      in.write((message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    @Override
    public void close() {
      process.destroy();
    }
  }
}
