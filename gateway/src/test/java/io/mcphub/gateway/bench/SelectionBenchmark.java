package io.mcphub.gateway.bench;

import io.mcphub.gateway.categorize.Analysis;
import io.mcphub.gateway.categorize.ToolMentions;
import io.mcphub.gateway.categorize.ToolSelection;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.IndexedTool;
import io.mcphub.gateway.tools.ToolIndex;
import io.mcphub.gateway.tools.ToolMatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What tool selection costs on a catalog of {@code --tools} tools (default 1,000: the catalog's servers, then copies
 * of them named {@code <server>-2}, … until there are enough): {@code hub__analyze_prompt} latency end to end through
 * the hub's dispatcher (heuristic categorizer, one fresh session per task, every task of TASKS per run; p50/p99 per
 * run, min of runs, whole distribution, and the GC in each run), where that time goes (each step of an analysis timed
 * alone on the same prompts), re-indexing after an upstream's {@code list_changed} (notification to searchable), and
 * the heap and RSS the hub's tool list and index take. Run with {@code scripts/bench-selection.sh CATALOG TASKS}.
 */
public final class SelectionBenchmark {

  /** How many candidates an analysis asks the index for (MetaTools: max(100, 5 × maxTools)). */
  private static final int CANDIDATES = 100;
  private static final String CPU = " (CPU)";
  private static final int INDEX_BUILDS = 20;
  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SelectionBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: SelectionBenchmark CATALOG TASKS [--tools N] [--runs N] [--warmup N] [--reindex-runs N] [--config hub.json]");
    }
    int size = Integer.parseInt(CallBenchmark.arg(args, "--tools", "1000"));
    JsonObject catalog = padded(new JsonObject(Files.readString(Path.of(args[0]))), size);
    List<JsonObject> tasks = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    String configFile = CallBenchmark.arg(args, "--config", null);
    JsonObject config = configFile == null ? new JsonObject() : new JsonObject(Files.readString(Path.of(configFile)));
    int runs = Integer.parseInt(CallBenchmark.arg(args, "--runs", "5"));
    int warmup = Integer.parseInt(CallBenchmark.arg(args, "--warmup", "3"));
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      Memory before = Memory.now();
      CatalogHub hub = SelectionEval.onContext(context,
          () -> CatalogHub.start(vertx, context, SelectionEval.hubConfig(config, catalog), catalog));
      awaitIndexed(hub.hub(), size);
      Memory after = Memory.now();
      System.out.printf(Locale.ROOT, "catalog: %d servers, %d tools; %d tasks; %d warm-up runs, %d measured runs; max heap %d MB%n",
          catalog.getJsonArray("servers").size(), size, tasks.size(), warmup, runs, Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(Locale.ROOT, "hub with its tool list and index: heap +%.1f MB, RSS +%.1f MB (whole JVM RSS %.1f MB)%n",
          (after.heap() - before.heap()) / 1e6, (after.rss() - before.rss()) / 1e6, after.rss() / 1e6);
      reindex(hub, catalog, size, Integer.parseInt(CallBenchmark.arg(args, "--reindex-runs", "40")));
      indexMemory(vertx, context, hub);
      for (int i = 0; i < warmup; i++) {
        SelectionEval.onContext(context, () -> SelectionEval.runAll(vertx, hub.dispatcher(), tasks));
      }
      analyze(vertx, context, hub, tasks, runs);
      steps(vertx, context, hub, tasks);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The analysis latency of every task, {@code runs} times over. */
  private static void analyze(Vertx vertx, Context context, CatalogHub hub, List<JsonObject> tasks, int runs) throws Exception {
    List<double[]> all = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      long[] gc = gc();
      long cpu = processCpuNanos();
      double[] millis = SelectionEval.onContext(context, () -> SelectionEval.runAll(vertx, hub.dispatcher(), tasks)).stream()
          .mapToDouble(SelectionReport.Sample::latencyMs).sorted().toArray();
      double cpuPerTask = (processCpuNanos() - cpu) / 1e6 / tasks.size();
      long[] gcAfter = gc();
      all.add(millis);
      System.out.printf(Locale.ROOT, "analyze run %d: p50 %.2f ms, p99 %.2f ms, max %.2f ms; process CPU %.2f ms per task"
          + " (initialize, analyze, list); GC %d collections, %d ms%n", run, percentile(millis, 50), percentile(millis, 99),
          millis[millis.length - 1], cpuPerTask, gcAfter[0] - gc[0], gcAfter[1] - gc[1]);
    }
    double[] everything = all.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
    System.out.printf(Locale.ROOT, "analyze, min of runs: p50 %.2f ms, p99 %.2f ms%n",
        all.stream().mapToDouble(m -> percentile(m, 50)).min().orElseThrow(),
        all.stream().mapToDouble(m -> percentile(m, 99)).min().orElseThrow());
    System.out.printf(Locale.ROOT, "analyze, all %d calls: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f ms%n", everything.length,
        percentile(everything, 50), percentile(everything, 90), percentile(everything, 99), percentile(everything, 99.9),
        everything[everything.length - 1]);
  }

  /** Each step of an analysis alone, on the hub's context, over the same prompts: where the time goes. */
  private static void steps(Vertx vertx, Context context, CatalogHub hub, List<JsonObject> tasks) throws Exception {
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    Session session = new Session(vertx, Session.newId(), Session.Transport.STREAMABLE_HTTP);
    for (JsonObject task : tasks) {
      String prompt = task.getString("task");
      Analysis decided = SelectionEval.onContext(context, () -> timed(steps, "categorizers (the heuristic in process; a tool scorer over the bus)",
          () -> hub.analyzer().analyze(prompt, "", session.handle())));
      SelectionEval.onContext(context, () -> Future.succeededFuture(step(hub.hub(), steps, prompt, decided, session)));
    }
    System.out.println("| step (wall, then CPU of the event loop) | p50 ms | p99 ms | max ms | CPU p50 ms | CPU p99 ms |");
    System.out.println("|---|---|---|---|---|---|");
    steps.forEach((name, values) -> {
      if (name.endsWith(CPU)) {
        return;
      }
      double[] wall = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] cpu = steps.getOrDefault(name + CPU, List.of()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %s | %s |%n", name, percentile(wall, 50), percentile(wall, 99),
          wall[wall.length - 1], cpu.length == 0 ? "—" : String.format(Locale.ROOT, "%.3f", percentile(cpu, 50)),
          cpu.length == 0 ? "—" : String.format(Locale.ROOT, "%.3f", percentile(cpu, 99)));
    });
  }

  private static Void step(Hub hub, Map<String, List<Double>> steps, String prompt, Analysis decided, Session session) {
    // the names are indexed once per tool list, as MetaTools does; this step is the lookup an analysis pays
    ToolMentions.Names names = ToolMentions.names(hub.registry().tools());
    Map<String, java.util.Set<String>> mentioned = time(steps, "tools named in the prompt (ToolMentions)",
        () -> ToolMentions.in(prompt, names));
    java.util.Set<String> named = new HashSet<>();
    mentioned.values().forEach(named::addAll);
    List<ToolMatch> matches = time(steps, "index search (" + CANDIDATES + " candidates)", () -> hub.toolIndex().search(prompt, CANDIDATES));
    List<ToolSelection.SelectedTool> selected = time(steps, "combination (ToolSelection.select)",
        () -> ToolSelection.select(new ToolSelection.Evidence(decided, named, matches), hub.registry().tools(),
            hub.exposure().options().maxTools()));
    JsonArray definitions = time(steps, "definitions copied into the result", () -> new JsonArray(selected.stream()
        .map(s -> s.tool().definition().copy().put("confidence", s.confidence())).toList()));
    time(steps, "definitions encoded (as the response is)", definitions::encode);
    time(steps, "visible tool names (once; an analysis lists twice)", () -> hub.visibleToolNames(session));
    time(steps, "registry rebuild, on the event loop (each list_changed; not part of an analysis)", () -> hub.registry().rebuild());
    return null;
  }

  /** Re-indexing after one upstream's list changed: from its notification until the index answers with the new list. */
  private static void reindex(CatalogHub hub, JsonObject catalog, int size, int changes) throws InterruptedException {
    Map.Entry<String, CatalogTransport> first = hub.transports().entrySet().iterator().next();
    JsonArray original = catalog.getJsonArray("servers").stream().map(JsonObject.class::cast)
        .filter(server -> first.getKey().equals(server.getString("name"))).findFirst().orElseThrow().getJsonArray("tools");
    JsonArray grown = original.copy().add(new JsonObject().put("name", "benchmark_probe").put("description", "Added by the benchmark.")
        .put("inputSchema", new JsonObject().put("type", "object")));
    double[] millis = new double[changes];
    for (int i = 0; i < changes; i++) {
      boolean grow = i % 2 == 0;
      long start = System.nanoTime();
      first.getValue().changeTools(grow ? grown : original);
      awaitIndexed(hub.hub(), grow ? size + 1 : size);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    double firstRun = millis[0];
    double[] later = Arrays.copyOfRange(millis, changes / 2, changes);
    Arrays.sort(later);
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "re-index after list_changed (%d tools): first %.1f ms, p50 %.1f ms, max %.1f ms over %d changes;"
        + " second half (warm): min %.1f ms, p50 %.1f ms%n", size, firstRun, percentile(millis, 50), millis[changes - 1], changes,
        later[0], percentile(later, 50));
  }

  /** The heap and RSS one more index of the hub's tools takes, built once the hub is up and warm (classes loaded). */
  private static void indexMemory(Vertx vertx, Context context, CatalogHub hub) throws Exception {
    List<IndexedTool> tools = SelectionEval.onContext(context, () -> {
      List<IndexedTool> all = new ArrayList<>();
      hub.hub().registry().tools().forEach(tool -> all.add(IndexedTool.of(tool)));
      return Future.succeededFuture(all);
    });
    ToolIndex index = ToolIndex.create(vertx);
    Memory before = Memory.now();
    SelectionEval.onContext(context, () -> index.update(tools));
    Memory after = Memory.now();
    double[] millis = new double[INDEX_BUILDS];
    for (int i = 0; i < INDEX_BUILDS; i++) {
      long start = System.nanoTime();
      SelectionEval.onContext(context, () -> index.update(tools));
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "one index of %d tools: heap %.1f MB, RSS growth %.1f MB; its rebuild alone (on a worker):"
        + " min %.1f ms, p50 %.1f ms over %d builds%n", index.size(), (after.heap() - before.heap()) / 1e6,
        (after.rss() - before.rss()) / 1e6, millis[0], percentile(millis, 50), INDEX_BUILDS);
  }

  private static void awaitIndexed(Hub hub, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (hub.toolIndex().size() != size) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the index holds " + hub.toolIndex().size() + " tools, not " + size);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
    }
  }

  private static <T> Future<T> timed(Map<String, List<Double>> steps, String name, Supplier<Future<T>> work) {
    long start = System.nanoTime();
    return work.get().onSuccess(v -> steps.computeIfAbsent(name, n -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6));
  }

  /** Runs one step on the calling thread; records its wall time under {@code name} and its CPU time under "name (CPU)". */
  private static <T> T time(Map<String, List<Double>> steps, String name, Supplier<T> work) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    T result = work.get();
    steps.computeIfAbsent(name, n -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
    steps.computeIfAbsent(name + CPU, n -> new ArrayList<>()).add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
    return result;
  }

  /** The catalog's servers, then copies of them ({@code <server>-2}, …) until it has {@code size} tools. */
  static JsonObject padded(JsonObject catalog, int size) {
    JsonArray servers = new JsonArray();
    int count = 0;
    for (int copy = 1; count < size; copy++) {
      for (Object item : catalog.getJsonArray("servers")) {
        JsonObject server = ((JsonObject) item).copy();
        JsonArray tools = server.getJsonArray("tools");
        if (count == size || tools.isEmpty()) {
          continue;
        }
        JsonArray kept = new JsonArray(new ArrayList<>(tools.getList().subList(0, Math.min(tools.size(), size - count))));
        servers.add(server.put("name", copy == 1 ? server.getString("name") : server.getString("name") + "-" + copy).put("tools", kept));
        count += kept.size();
      }
    }
    return new JsonObject().put("servers", servers);
  }

  static double percentile(double[] sorted, double p) {
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, bean.getCollectionCount());
      millis += Math.max(0, bean.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  /** Heap in use after a full GC, and the process's resident set. */
  private record Memory(long heap, long rss) {

    static Memory now() throws Exception {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
      Runtime runtime = Runtime.getRuntime();
      long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
      return new Memory(runtime.totalMemory() - runtime.freeMemory(), rss);
    }
  }
}
