package io.mcphub.categorizer.embedding;

import io.mcphub.categorizer.ToolDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the hub's tools in the background, on a worker of its own: when a catalog arrives, every tool whose text is
 * not in the cache (memory, then the state directory's file) is embedded, in batches; then the new vectors are swapped
 * in on the categorizer's context and the cache file rewritten. Catalogs that arrive meanwhile are coalesced: only the
 * latest is embedded next. Nothing is embedded (and the model is not loaded) until {@link #activate()}: catalogs that
 * arrive before wait, the latest only. Until the first catalog is embedded, {@link #vectors()} is empty. State fields are read
 * and written on the categorizer's context; progress counters are atomic (the worker updates them).
 */
final class ToolIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(ToolIndexer.class);

  private final Vertx vertx;
  private final Embedder embedder;
  private final EmbeddingOptions options;
  private final VectorCache disk;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();
  private final AtomicInteger embedded = new AtomicInteger();
  private final AtomicInteger fromCache = new AtomicInteger();
  private WorkerExecutor worker;
  /** Set by {@link #close()}; read by the worker between batches. */
  private volatile boolean closed;
  private ToolVectors vectors = ToolVectors.EMPTY;
  private List<ToolDescriptor> next;
  private boolean running;
  private boolean active;
  /** Whether any catalog has arrived: until one has, the indexer is not ready, whatever it holds. */
  private boolean received;
  private boolean loaded;
  private int total;
  private String lastError;
  private long lastDurationMs;

  ToolIndexer(Vertx vertx, Embedder embedder, EmbeddingOptions options) {
    this.vertx = vertx;
    this.embedder = embedder;
    this.options = options;
    this.disk = options.stateDir() == null ? null : new VectorCache(options.stateDir(), embedder.modelId());
  }

  void start() {
    worker = vertx.createSharedWorkerExecutor("mcp-hub-embedding-tools", 1, 10, TimeUnit.MINUTES);
  }

  /** The vectors of the latest catalog embedded (empty until the first is). */
  ToolVectors vectors() {
    return vectors;
  }

  /** Queues {@code tools} to be embedded, replacing any catalog still waiting. */
  void update(List<ToolDescriptor> tools) {
    received = true;
    next = List.copyOf(tools);
    if (active && !running) {
      run();
    }
  }

  /** Starts embedding: the catalog waiting now, and every later one as it arrives. Does nothing the second time. */
  void activate() {
    if (active) {
      return;
    }
    active = true;
    if (next != null && !running) {
      run();
    }
  }

  private void run() {
    List<ToolDescriptor> tools = next;
    next = null;
    running = true;
    total = tools.size();
    embedded.set(0);
    fromCache.set(0);
    long start = System.nanoTime();
    worker.executeBlocking(() -> embed(tools), true).onComplete(result -> {
      running = false;
      if (closed) {
        return;
      }
      if (result.succeeded()) {
        vectors = result.result();
        lastError = null;
        lastDurationMs = (System.nanoTime() - start) / 1_000_000;
        LOG.info("{} tools embedded ({} from the cache) in {} ms", total, fromCache.get(), lastDurationMs);
      } else {
        lastError = String.valueOf(result.cause().getMessage());
        LOG.warn("embedding {} tools failed: {}; the lexical selection answers alone", total, lastError);
      }
      if (next != null) {
        run();
      }
    });
  }

  /** Runs on the worker. */
  private ToolVectors embed(List<ToolDescriptor> tools) throws IOException {
    loadOnce();
    List<String> names = new ArrayList<>(tools.size());
    List<String> keys = new ArrayList<>(tools.size());
    List<String> missing = new ArrayList<>();
    List<String> missingKeys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ToolDescriptor tool : tools) {
      String key = Vectors.hash(tool.text());
      names.add(tool.name());
      keys.add(key);
      if (cache.containsKey(key)) {
        fromCache.incrementAndGet();
        embedded.incrementAndGet();
      } else if (seen.add(key)) {
        missing.add(tool.text());
        missingKeys.add(key);
      }
    }
    for (int from = 0; from < missing.size(); from += options.batchSize()) {
      if (closed) {
        throw new java.util.concurrent.CancellationException("the embedding categorizer closed");
      }
      int to = Math.min(missing.size(), from + options.batchSize());
      List<float[]> batch = embedder.embedAll(missing.subList(from, to));
      for (int i = 0; i < batch.size(); i++) {
        cache.put(missingKeys.get(from + i), batch.get(i));
      }
      embedded.addAndGet(batch.size());
    }
    List<float[]> ordered = keys.stream().map(cache::get).toList();
    if (!missing.isEmpty()) {
      save(Set.copyOf(keys));
    }
    embedded.set(tools.size());
    return new ToolVectors(names, ordered);
  }

  private void loadOnce() {
    if (loaded || disk == null) {
      loaded = true;
      return;
    }
    loaded = true;
    try {
      cache.putAll(disk.load());
    } catch (IOException e) {
      LOG.warn("{}; tools will be embedded anew", e.getMessage());
    }
  }

  /** Writes the cache, keeping the current catalog's entries first when it has grown past the file's limit. */
  private void save(Set<String> current) {
    if (disk == null) {
      return;
    }
    if (cache.size() > VectorCache.MAX_ENTRIES) {
      cache.keySet().removeIf(key -> !current.contains(key));
    }
    try {
      disk.write(cache);
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}; vectors stay in memory", disk.path(), e.toString());
    }
  }

  /** Progress for {@code /health}. */
  JsonObject status() {
    boolean waiting = next != null && !running;
    return new JsonObject()
        .put("waitingForFirstPrompt", !active)
        .put("toolsTotal", waiting ? next.size() : total)
        .put("toolsEmbedded", embedded.get())
        .put("toolsFromCache", fromCache.get())
        .put("ready", active && received && !running && next == null && vectors.size() == total)
        .put("lastEmbeddingMs", lastDurationMs)
        .put("lastError", lastError)
        .put("cacheFile", disk == null ? null : disk.path().toString());
  }

  /** Stops embedding between two batches (a running batch finishes) and writes nothing more. */
  Future<Void> close() {
    closed = true;
    return worker == null ? Future.succeededFuture() : worker.close();
  }
}
