package io.mcphub.gateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The staging guide's load and soak tests ({@code scripts/load-test.sh}).
 *
 * <p>Load: N sessions at once, each repeating initialize → {@code hub__analyze_prompt} → {@code tools/list} →
 * {@code tools/call} → delete, pausing {@code --think-ms} between rounds as a user would (default 1000; 0 saturates
 * the hub to measure its capacity), for a duration after a warm-up that is not counted; prints throughput,
 * p50/p95/p99 per step and the error rate.
 *
 * <p>Soak ({@code --soak}): a fixed number of tool calls and analyses over a few sessions (each analyzes first, so
 * that the tool is exposed), printing the hub's RSS before, every tenth of the way, and after.
 *
 * <p>Without {@code --url} it starts the hub jar itself, fronting our stdio fixture server as category
 * {@code filesystem}.
 */
public final class LoadTest {

  private static final String STEPS = "initialize,analyze,list,call,delete";

  private record Target(String url, Process hub) {
  }

  public static void main(String[] args) throws Exception {
    boolean soak = Arrays.asList(args).contains("--soak");
    Target target = target(args);
    String prompt = CallBenchmark.arg(args, "--prompt", "List the files in my project directory");
    String tool = CallBenchmark.arg(args, "--tool", "files__echo");
    JsonObject toolArgs = new JsonObject(CallBenchmark.arg(args, "--args", "{\"text\": \"hello\"}"));
    String expect = CallBenchmark.arg(args, "--expect", "hello");
    try {
      if (soak) {
        soak(target, prompt, tool, toolArgs, expect, args);
      } else {
        load(target, prompt, tool, toolArgs, expect, args);
      }
    } finally {
      if (target.hub() != null) {
        target.hub().destroy();
        target.hub().waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  private static void load(Target target, String prompt, String tool, JsonObject toolArgs, String expect, String[] args)
      throws Exception {
    int sessions = Integer.parseInt(CallBenchmark.arg(args, "--sessions", "100"));
    int seconds = Integer.parseInt(CallBenchmark.arg(args, "--seconds", "30"));
    long thinkMs = Long.parseLong(CallBenchmark.arg(args, "--think-ms", "1000"));
    int warmupSeconds = Integer.parseInt(CallBenchmark.arg(args, "--warmup-seconds", "5"));
    Map<String, List<Double>> latencies = new LinkedHashMap<>();
    for (String step : STEPS.split(",")) {
      latencies.put(step, java.util.Collections.synchronizedList(new ArrayList<>()));
    }
    AtomicLong scenarios = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long deadline = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      workers.add(pool.submit(() -> {
        while (System.nanoTime() < deadline) {
          try {
            long t0 = System.nanoTime();
            McpHttpClient client = McpHttpClient.open(target.url());
            long t1 = System.nanoTime();
            client.call("hub__analyze_prompt", new JsonObject().put("prompt", prompt), "exposedTools");
            long t2 = System.nanoTime();
            client.list();
            long t3 = System.nanoTime();
            client.call(tool, toolArgs, expect);
            long t4 = System.nanoTime();
            client.close();
            long t5 = System.nanoTime();
            if (t0 >= measureFrom) {
              long[] marks = {t0, t1, t2, t3, t4, t5};
              int k = 0;
              for (List<Double> step : latencies.values()) {
                step.add((marks[k + 1] - marks[k]) / 1e6);
                k++;
              }
              scenarios.incrementAndGet();
            }
            if (thinkMs > 0) {
              Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(thinkMs / 2, thinkMs * 3 / 2 + 1));
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (RuntimeException e) {
            errors.incrementAndGet();
            if (firstErrors.size() < 3) {
              firstErrors.add(e.getMessage());
            }
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    double elapsed = (System.nanoTime() - measureFrom) / 1e9;
    long requests = scenarios.get() * 5;
    System.out.printf(Locale.ROOT, "load: %d sessions, %d ms think time, measured %.1f s after a %d s warm-up, against %s%n",
        sessions, thinkMs, elapsed, warmupSeconds, target.url());
    System.out.printf(Locale.ROOT, "scenarios %d (%.0f/s), requests %d (%.0f/s), errors %d (%.3f %%)%n", scenarios.get(),
        scenarios.get() / elapsed, requests, requests / elapsed, errors.get(), 100.0 * errors.get() / Math.max(1, scenarios.get() + errors.get()));
    System.out.println("| step | p50 ms | p95 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    latencies.forEach((step, values) -> {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      if (sorted.length > 0) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", step, CallBenchmark.percentile(sorted, 50),
            CallBenchmark.percentile(sorted, 95), CallBenchmark.percentile(sorted, 99), sorted[sorted.length - 1]);
      }
    });
    firstErrors.forEach(error -> System.out.println("error: " + error));
    if (target.hub() != null) {
      System.out.printf("hub RSS after: %d MiB%n", CallBenchmark.rssKb(target.hub().pid()) / 1024);
    }
  }

  private static void soak(Target target, String prompt, String tool, JsonObject toolArgs, String expect, String[] args)
      throws Exception {
    long calls = Long.parseLong(CallBenchmark.arg(args, "--calls", "1000000"));
    long analyses = Long.parseLong(CallBenchmark.arg(args, "--analyses", "100000"));
    int concurrency = Integer.parseInt(CallBenchmark.arg(args, "--concurrency", "16"));
    long pid = target.hub() == null ? -1 : target.hub().pid();
    System.out.printf("soak: %d tool calls and %d analyses over %d sessions against %s%n", calls, analyses, concurrency, target.url());
    printRss(pid, "before");
    AtomicLong done = new AtomicLong();
    AtomicLong analysed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    long analyseEvery = Math.max(1, calls / Math.max(1, analyses));
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      workers.add(pool.submit(() -> {
        McpHttpClient client = McpHttpClient.open(target.url());
        client.call("hub__analyze_prompt", new JsonObject().put("prompt", prompt), "exposedTools");
        long n;
        while ((n = done.incrementAndGet()) <= calls) {
          try {
            client.call(tool, toolArgs, expect);
            if (n % analyseEvery == 0 && analysed.incrementAndGet() <= analyses) {
              client.call("hub__analyze_prompt", new JsonObject().put("prompt", prompt + " number " + (n % 1000)), "exposedTools");
            }
          } catch (RuntimeException e) {
            errors.incrementAndGet();
            if (firstErrors.size() < 3) {
              firstErrors.add(e.getMessage());
            }
          }
          if (n % (calls / 10) == 0) {
            printRss(pid, String.format(Locale.ROOT, "%3d %%", n * 100 / calls));
          }
        }
        client.close();
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%d calls and %d analyses in %.0f s (%.0f calls/s), errors %d%n", calls,
        Math.min(analyses, analysed.get()), elapsed, calls / elapsed, errors.get());
    firstErrors.forEach(error -> System.out.println("error: " + error));
    Thread.sleep(2_000);
    printRss(pid, "after");
  }

  private static void printRss(long pid, String label) {
    if (pid > 0) {
      try {
        System.out.printf("hub RSS %s: %d MiB%n", label, CallBenchmark.rssKb(pid) / 1024);
      } catch (java.io.IOException e) {
        System.out.println("hub RSS " + label + ": unavailable");
      }
    }
  }

  private static Target target(String[] args) throws Exception {
    String url = CallBenchmark.arg(args, "--url", null);
    if (url != null) {
      return new Target(url, null);
    }
    Path jar = Path.of(CallBenchmark.arg(args, "--jar", "gateway/target/mcp-hub.jar"));
    Path fixture = Path.of("gateway/src/test/resources/fixtures/fixture-server.mjs").toAbsolutePath();
    Path dir = Files.createTempDirectory("mcp-hub-load");
    Path config = Files.writeString(dir.resolve("load.json"), new JsonObject()
        .put("hub", new JsonObject().put("sessionIdleTimeoutMs", 60_000))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"))
        .put("mcpServers", new JsonObject().put("files", new JsonObject().put("command", "node")
            .put("args", new JsonArray().add(fixture.toString()).add("files")).put("category", "filesystem"))).encode());
    Process hub = CallBenchmark.startHub(jar, CallBenchmark.arg(args, "--jvm", ""), config, dir);
    return new Target("http://127.0.0.1:" + CallBenchmark.awaitListening(hub) + "/mcp", hub);
  }
}
