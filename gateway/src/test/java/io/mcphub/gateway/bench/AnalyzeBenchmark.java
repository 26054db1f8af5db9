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
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code hub__analyze_prompt} with the heuristic, end to end through {@code /mcp} of the hub jar: latency
 * p50/p99 and when {@code notifications/tools/list_changed} arrives relative to the analyze response (negative:
 * before it, on the same stream). Each analysis is followed by a reset so that every analysis changes the list.
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
    Path config = Files.writeString(dir.resolve("bench.json"), new JsonObject()
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"))
        .put("mcpServers", new JsonObject().put("files", new JsonObject().put("command", "node")
            .put("args", new JsonArray().add(fixture.toString()).add("files")).put("category", "filesystem"))).encode());
    Process hub = CallBenchmark.startHub(jar, CallBenchmark.arg(args, "--jvm", ""), config, dir);
    try {
      URI uri = URI.create("http://127.0.0.1:" + CallBenchmark.awaitListening(hub) + "/mcp");
      String session = initialize(uri);
      for (int i = 0; i < calls; i++) {
        analyzeAndReset(uri, session);
      }
      double[] latency = new double[calls];
      double[] notifyAfter = new double[calls];
      for (int i = 0; i < calls; i++) {
        double[] sample = analyzeAndReset(uri, session);
        latency[i] = sample[0];
        notifyAfter[i] = sample[1];
      }
      Arrays.sort(latency);
      Arrays.sort(notifyAfter);
      System.out.printf(Locale.ROOT, "hub__analyze_prompt (heuristic) over %d calls after %d warm-up: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
          calls, calls, CallBenchmark.percentile(latency, 50), CallBenchmark.percentile(latency, 99), latency[calls - 1]);
      System.out.printf(Locale.ROOT, "list_changed relative to the analyze response: p50 %.3f ms, p99 %.3f ms, max %.3f ms"
          + " (negative = before it)%n", CallBenchmark.percentile(notifyAfter, 50), CallBenchmark.percentile(notifyAfter, 99),
          notifyAfter[calls - 1]);
    } finally {
      hub.destroy();
      hub.waitFor(15, TimeUnit.SECONDS);
    }
  }

  /** Returns {analyze latency ms, notification time minus response time ms}. */
  private static double[] analyzeAndReset(URI uri, String session) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<java.io.InputStream> response = HTTP.send(post(uri, session, new JsonObject().put("jsonrpc", "2.0").put("id", 1)
        .put("method", "tools/call").put("params", new JsonObject().put("name", "hub__analyze_prompt")
            .put("arguments", new JsonObject().put("prompt", PROMPT)))), HttpResponse.BodyHandlers.ofInputStream());
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
    if (notified < 0 || answered < 0) {
      throw new IllegalStateException("expected a list_changed notification and the analysis on the response stream");
    }
    HTTP.send(post(uri, session, new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call")
        .put("params", new JsonObject().put("name", "hub__reset_exposure"))), HttpResponse.BodyHandlers.discarding());
    return new double[] {(answered - start) / 1e6, (notified - answered) / 1e6};
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
