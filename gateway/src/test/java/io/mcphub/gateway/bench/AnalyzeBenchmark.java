package io.mcphub.gateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code hub__analyze_prompt} with the heuristic, end to end through {@code /mcp} of the hub jar: latency
 * p50/p99 and when {@code notifications/tools/list_changed} arrives relative to the analyze response (negative:
 * before it, on the same stream). Each analysis is followed by a reset so that every analysis changes the list.
 * By default the hub fronts our fixture server and analyzes one prompt; with {@code --catalog CATALOG --tasks TASKS
 * [--tools N]} it fronts a toolsel catalog of N tools (default 1,000, padded with copies of its servers), each server
 * its own {@code catalog-server.mjs} process, and analyzes the tasks' prompts in turn.
 * Run with {@code scripts/benchmark.sh --analyze}.
 */
public final class AnalyzeBenchmark {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String PROMPT = "List the files in my project directory and read README.md";

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(CallBenchmark.arg(args, "--jar", "gateway/target/mcp-hub.jar"));
    Path fixture = Path.of(CallBenchmark.arg(args, "--fixture", "gateway/src/test/resources/fixtures/fixture-server.mjs")).toAbsolutePath();
    int calls = Integer.parseInt(CallBenchmark.arg(args, "--calls", "3000"));
    Path dir = Files.createTempDirectory("mcp-hub-analyze-bench");
    String catalogFile = CallBenchmark.arg(args, "--catalog", null);
    int tools = Integer.parseInt(CallBenchmark.arg(args, "--tools", "1000"));
    JsonObject servers = catalogFile == null
        ? new JsonObject().put("files", new JsonObject().put("command", "node")
            .put("args", new JsonArray().add(fixture.toString()).add("files")).put("category", "filesystem"))
        : catalogServers(SelectionBenchmark.padded(new JsonObject(Files.readString(Path.of(catalogFile))), tools), dir);
    List<String> prompts = catalogFile == null ? List.of(PROMPT) : Files.readAllLines(Path.of(CallBenchmark.arg(args, "--tasks", "")))
        .stream().filter(line -> !line.isBlank()).map(line -> new JsonObject(line).getString("task")).toList();
    Path config = Files.writeString(dir.resolve("bench.json"), new JsonObject()
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based")).put("mcpServers", servers).encode());
    Process hub = CallBenchmark.startHub(jar, CallBenchmark.arg(args, "--jvm", ""), config, dir);
    try {
      int port = CallBenchmark.awaitListening(hub);
      if (catalogFile != null) {
        awaitTools(port, tools);
      }
      URI uri = URI.create("http://127.0.0.1:" + port + "/mcp");
      String session = initialize(uri);
      for (int i = 0; i < calls; i++) {
        analyzeAndReset(uri, session, prompts.get(i % prompts.size()));
      }
      double[] latency = new double[calls];
      List<Double> notifyAfter = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        double[] sample = analyzeAndReset(uri, session, prompts.get(i % prompts.size()));
        latency[i] = sample[0];
        if (!Double.isNaN(sample[1])) {
          notifyAfter.add(sample[1]);
        }
      }
      report(catalogFile == null ? "" : " on " + tools + " tools, " + prompts.size() + " prompts in turn", latency,
          notifyAfter.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    } finally {
      hub.destroy();
      hub.waitFor(15, TimeUnit.SECONDS);
    }
  }

  private static void report(String what, double[] latency, double[] notifyAfter) {
    Arrays.sort(latency);
    int calls = latency.length;
    System.out.printf(Locale.ROOT, "hub__analyze_prompt (heuristic%s) over %d calls after %d warm-up: p50 %.3f ms, p99 %.3f ms,"
        + " max %.3f ms%n", what, calls, calls, CallBenchmark.percentile(latency, 50), CallBenchmark.percentile(latency, 99),
        latency[calls - 1]);
    if (notifyAfter.length > 0) {
      System.out.printf(Locale.ROOT, "list_changed relative to the analyze response (%d analyses changed the list): p50 %.3f ms,"
          + " p99 %.3f ms, max %.3f ms (negative = before it)%n", notifyAfter.length, CallBenchmark.percentile(notifyAfter, 50),
          CallBenchmark.percentile(notifyAfter, 99), notifyAfter[notifyAfter.length - 1]);
    }
  }

  /** One {@code catalog-server.mjs} process per server of {@code catalog}, which is written to {@code dir}. */
  private static JsonObject catalogServers(JsonObject catalog, Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("catalog.json"), catalog.encode());
    Path server = Path.of("gateway/src/test/resources/fixtures/catalog-server.mjs").toAbsolutePath();
    JsonObject servers = new JsonObject();
    for (Object item : catalog.getJsonArray("servers")) {
      String name = ((JsonObject) item).getString("name");
      servers.put(name, new JsonObject().put("command", "node").put("args", new JsonArray().add(server.toString())
          .add(file.toString()).add(name)));
    }
    return servers;
  }

  /** Waits until the hub lists {@code tools} upstream tools ({@code /health}), and a little more for the index to follow. */
  private static void awaitTools(int port, int tools) throws IOException, InterruptedException {
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonObject body = new JsonObject(HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body());
      boolean ready = body.getJsonArray("checks", new JsonArray()).stream().map(JsonObject.class::cast)
          .filter(check -> "hub".equals(check.getString("id")))
          .anyMatch(check -> check.getJsonObject("data", new JsonObject()).getInteger("tools", 0) == tools);
      if (ready) {
        Thread.sleep(2_000);
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the hub did not list " + tools + " tools within 120 s");
  }

  /** Returns {analyze latency ms, notification time minus response time ms (NaN: the list did not change)}. */
  private static double[] analyzeAndReset(URI uri, String session, String prompt) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<java.io.InputStream> response = HTTP.send(post(uri, session, new JsonObject().put("jsonrpc", "2.0").put("id", 1)
        .put("method", "tools/call").put("params", new JsonObject().put("name", "hub__analyze_prompt")
            .put("arguments", new JsonObject().put("prompt", prompt)))), HttpResponse.BodyHandlers.ofInputStream());
    long notified = -1;
    long answered = -1;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.contains("notifications/tools/list_changed") && notified < 0) {
          notified = System.nanoTime();
        } else if (line.contains("\"exposedCategories\"")) {
          answered = System.nanoTime();
        }
      }
    }
    if (answered < 0) {
      throw new IllegalStateException("expected the analysis on the response stream");
    }
    HTTP.send(post(uri, session, new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call")
        .put("params", new JsonObject().put("name", "hub__reset_exposure"))), HttpResponse.BodyHandlers.discarding());
    return new double[] {(answered - start) / 1e6, notified < 0 ? Double.NaN : (notified - answered) / 1e6};
  }

  private static String initialize(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> init = HTTP.send(post(uri, null, new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize")
        .put("params", new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject())
            .put("clientInfo", new JsonObject().put("name", "bench").put("version", "1")))), HttpResponse.BodyHandlers.ofString());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HTTP.send(post(uri, session, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized")),
        HttpResponse.BodyHandlers.discarding());
    return session;
  }

  private static HttpRequest post(URI uri, String session, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return request.build();
  }
}
