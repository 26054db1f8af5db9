package io.mcphub.gateway.bench;

import io.mcphub.gateway.tools.IndexedTool;
import io.mcphub.gateway.tools.ToolIndex;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long the tool index takes to rebuild (as after an upstream's {@code list_changed}: on a worker, swapped in when
 * done) and how much heap one index holds, for a catalog's tools repeated up to {@code --tools} (default 1,000).
 * usage: {@code ToolIndexBenchmark CATALOG [--tools N] [--runs N]}.
 */
public final class ToolIndexBenchmark {

  private ToolIndexBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject catalog = new JsonObject(Files.readString(Path.of(args[0])));
    int count = Integer.parseInt(CallBenchmark.arg(args, "--tools", "1000"));
    int runs = Integer.parseInt(CallBenchmark.arg(args, "--runs", "30"));
    List<IndexedTool> tools = tools(catalog, count);
    Vertx vertx = Vertx.vertx();
    try {
      ToolIndex index = ToolIndex.create(vertx);
      long before = usedHeap();
      double[] millis = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        update(vertx, index, tools);
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
      long after = usedHeap();
      double first = millis[0];
      Arrays.sort(millis);
      System.out.printf(Locale.ROOT, "index of %d tools: first build %.1f ms; later rebuilds p50 %.1f ms, max %.1f ms (%d runs);"
          + " heap held by the index ~%.1f MB%n", index.size(), first, CallBenchmark.percentile(millis, 50), millis[runs - 1], runs,
          (after - before) / 1e6);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void update(Vertx vertx, ToolIndex index, List<IndexedTool> tools) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> index.update(tools).onComplete(done));
    done.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static List<IndexedTool> tools(JsonObject catalog, int count) {
    List<IndexedTool> tools = new ArrayList<>();
    for (int copy = 1; tools.size() < count; copy++) {
      for (Object item : catalog.getJsonArray("servers")) {
        JsonObject server = (JsonObject) item;
        String serverName = copy == 1 ? server.getString("name") : server.getString("name") + copy;
        for (Object tool : server.getJsonArray("tools")) {
          if (tools.size() == count) {
            return tools;
          }
          JsonObject definition = ((JsonObject) tool).copy();
          String name = serverName + "__" + definition.getString("name");
          tools.add(new IndexedTool(name, serverName, server.getString("title", "") + " " + server.getString("description", ""),
              definition.put("name", name)));
        }
      }
    }
    return tools;
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
