package io.mcphub.gateway.bench;

import io.mcphub.gateway.config.ConfigParser;
import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.RequestOrigin;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the hub's real selection path over a tool-selection set (the toolsel format: {@code catalog.json} +
 * {@code tasks.jsonl}): every catalog server is an upstream the hub initializes and lists (in memory, see
 * {@link CatalogTransport}); for each task a fresh client session initializes, calls {@code hub__analyze_prompt}
 * with the task's text and then {@code tools/list}, through the hub's own {@link McpDispatcher}. Prints recall,
 * all-needed rate, tools listed and analysis latency per kind ({@link SelectionReport}). Run with
 * {@code scripts/eval-selection.sh CATALOG TASKS [--config hub.json] [--out selections.jsonl] [--trace analyses.jsonl]};
 * {@code --trace} writes each analysis's {@code structuredContent}, to see why a needed tool was or was not listed.
 */
public final class SelectionEval {

  private static final long TIMEOUT_S = 600;

  private SelectionEval() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: SelectionEval CATALOG TASKS [--config hub.json] [--out selections.jsonl]"
          + " [--trace analyses.jsonl] [--warmup N]");
    }
    JsonObject catalog = new JsonObject(Files.readString(Path.of(args[0])));
    List<JsonObject> tasks = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).map(JsonObject::new).toList();
    String configFile = CallBenchmark.arg(args, "--config", null);
    JsonObject config = configFile == null ? new JsonObject() : new JsonObject(Files.readString(Path.of(configFile)));
    int warmup = Integer.parseInt(CallBenchmark.arg(args, "--warmup", "1"));
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      McpDispatcher dispatcher = onContext(context, () -> CatalogHub.start(vertx, context, hubConfig(config, catalog), catalog))
          .dispatcher();
      for (int i = 0; i < warmup; i++) {
        onContext(context, () -> runAll(vertx, dispatcher, tasks));
      }
      String trace = CallBenchmark.arg(args, "--trace", null);
      List<String> analyses = new ArrayList<>();
      List<SelectionReport.Sample> samples = onContext(context, () -> runAll(vertx, dispatcher, tasks, analyses));
      if (trace != null) {
        Files.write(Path.of(trace), analyses, StandardCharsets.UTF_8);
      }
      SelectionReport.print(tasks, samples, System.out);
      String out = CallBenchmark.arg(args, "--out", null);
      if (out != null) {
        Files.write(Path.of(out), samples.stream().map(s -> new JsonObject().put("id", s.id())
            .put("listed", new JsonArray(s.listed())).encode()).toList(), StandardCharsets.UTF_8);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The catalog's servers as config entries (their command is never run), over the given hub config. */
  static HubConfig hubConfig(JsonObject config, JsonObject catalog) {
    JsonObject servers = new JsonObject();
    for (Object item : catalog.getJsonArray("servers")) {
      servers.put(((JsonObject) item).getString("name"), new JsonObject().put("command", "in-memory-catalog"));
    }
    JsonObject filtering = config.getJsonObject("toolFiltering", new JsonObject());
    filtering.put("mode", filtering.getString("mode", "prompt-based"));
    return new ConfigParser(System::getenv).parse(config.copy().put("toolFiltering", filtering).put("mcpServers", servers));
  }

  static Future<List<SelectionReport.Sample>> runAll(Vertx vertx, McpDispatcher dispatcher, List<JsonObject> tasks) {
    return runAll(vertx, dispatcher, tasks, new ArrayList<>());
  }

  /** As above; {@code analyses} receives one {@code {"id", "result"}} line per task: the analysis's structuredContent. */
  static Future<List<SelectionReport.Sample>> runAll(Vertx vertx, McpDispatcher dispatcher, List<JsonObject> tasks,
      List<String> analyses) {
    List<SelectionReport.Sample> samples = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject task : tasks) {
      chain = chain.compose(v -> runOne(vertx, dispatcher, task, analyses)).map(sample -> {
        samples.add(sample);
        return null;
      });
    }
    return chain.map(v -> samples);
  }

  /** One task as a new client would run it: initialize, analyze, list. */
  private static Future<SelectionReport.Sample> runOne(Vertx vertx, McpDispatcher dispatcher, JsonObject task,
      List<String> analyses) {
    Session session = new Session(vertx, Session.newId(), Session.Transport.STREAMABLE_HTTP);
    RequestOrigin origin = new SilentOrigin(session.id());
    JsonObject initialize = request(McpMethods.INITIALIZE, new JsonObject().put("protocolVersion", ProtocolVersions.LATEST)
        .put("capabilities", new JsonObject()).put("clientInfo", new JsonObject().put("name", "selection-eval").put("version", "1")));
    JsonObject analyze = request(McpMethods.TOOLS_CALL, new JsonObject().put("name", "hub__analyze_prompt")
        .put("arguments", new JsonObject().put("prompt", task.getString("task"))));
    long[] started = new long[1];
    return dispatcher.request(session, initialize, origin)
        .compose(init -> {
          dispatcher.notification(session, new JsonObject().put("jsonrpc", "2.0").put("method", McpMethods.NOTIFICATION_INITIALIZED));
          started[0] = System.nanoTime();
          return dispatcher.request(session, analyze, origin);
        })
        .compose(result -> {
          if (result.getBoolean("isError", false)) {
            return Future.failedFuture(task.getString("id") + ": " + result.encode());
          }
          double latencyMs = (System.nanoTime() - started[0]) / 1e6;
          analyses.add(new JsonObject().put("id", task.getString("id"))
              .put("result", result.getJsonObject("structuredContent")).encode());
          return dispatcher.request(session, request(McpMethods.TOOLS_LIST, new JsonObject()), origin)
              .map(list -> new SelectionReport.Sample(task.getString("id"), listedNames(list), latencyMs));
        });
  }

  private static List<String> listedNames(JsonObject list) {
    return list.getJsonArray("tools").stream().map(tool -> ((JsonObject) tool).getString("name"))
        .filter(name -> !name.startsWith("hub__")).toList();
  }

  private static JsonObject request(String method, JsonObject params) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", method).put("params", params);
  }

  static <T> T onContext(Context context, java.util.function.Supplier<Future<T>> work) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  /** The eval's client: notifications are dropped (it lists after each analysis anyway), requests refused. */
  private record SilentOrigin(String clientId) implements RequestOrigin {

    @Override
    public void notify(JsonObject notification) {
    }

    @Override
    public Future<JsonObject> request(String method, JsonObject params) {
      return Future.failedFuture("the selection eval's client answers no requests");
    }
  }
}
