package io.mcphub.gateway.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.mcphub.gateway.exposure.Exposure;
import io.mcphub.gateway.exposure.ExposureStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Exposures of a cluster: a Hazelcast map every node reads, and this node's copy of the entries its requests use.
 * Reads stay synchronous (they sit inside {@code tools/list}'s predicate): a request refreshes its session's entry
 * first ({@link #refresh}), and a change is written before the response that made it goes out ({@link #flush}), so the
 * client's next request reads it on any node. Entries unused for the session idle timeout expire.
 */
final class ClusteredExposureStore implements ExposureStore {

  private final Vertx vertx;
  private final IMap<String, String> shared;
  private final long idleTimeoutMs;
  private final Map<String, Exposure> local = new HashMap<>();
  private final Map<String, Future<Void>> writes = new HashMap<>();

  ClusteredExposureStore(Vertx vertx, IMap<String, String> shared, long idleTimeoutMs) {
    this.vertx = vertx;
    this.shared = shared;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  @Override
  public Exposure get(String handle) {
    return local.get(handle);
  }

  @Override
  public void put(String handle, Exposure exposure) {
    local.put(handle, exposure);
    writes.put(handle, Future.fromCompletionStage(shared.setAsync(handle, encode(exposure), 0, TimeUnit.MILLISECONDS,
        idleTimeoutMs, TimeUnit.MILLISECONDS), vertx.getOrCreateContext()));
  }

  /**
   * Applies {@code change} here at once (this node's next reads see it) and where the cluster keeps the entry: a new
   * entry is put only if still absent (with the same idle expiry as {@link #put}), an existing one is changed in place
   * by its owner ({@link ApplyChange}), so a change another node made meanwhile is kept. The request's answer waits for
   * it ({@link #flush}).
   */
  @Override
  public void update(String handle, Change change) {
    local.put(handle, change.apply(local.get(handle)));
    Future<Void> before = writes.getOrDefault(handle, Future.succeededFuture());
    String created = encode(change.apply(null));
    writes.put(handle, before.transform(done -> vertx.<String>executeBlocking(() -> shared.putIfAbsent(handle, created, 0,
            TimeUnit.MILLISECONDS, idleTimeoutMs, TimeUnit.MILLISECONDS), false))
        .compose(existing -> existing == null ? Future.succeededFuture(created)
            : Future.fromCompletionStage(shared.submitToKey(handle, new ApplyChange(change)), vertx.getOrCreateContext()))
        .map(merged -> {
          if (merged != null) {
            local.put(handle, decode(merged));
          }
          return null;
        }));
  }

  /** Applies a change to an exposure entry on the node that owns it, keeping the entry's expiry. */
  static final class ApplyChange implements EntryProcessor<String, String, String> {
    private static final long serialVersionUID = 1L;
    private final Change change;

    ApplyChange(Change change) {
      this.change = change;
    }

    @Override
    public String process(Map.Entry<String, String> entry) {
      String next = encode(change.apply(entry.getValue() == null ? null : decode(entry.getValue())));
      if (entry instanceof ExtendedMapEntry<String, String> extended && entry.getValue() != null) {
        extended.setValueWithoutChangingExpiryTime(next);
      } else {
        entry.setValue(next);
      }
      return next;
    }
  }

  @Override
  public void remove(String handle) {
    local.remove(handle);
    writes.put(handle, Future.fromCompletionStage(shared.removeAsync(handle), vertx.getOrCreateContext()).mapEmpty());
  }

  @Override
  public void forget(String handle) {
    local.remove(handle);
    writes.remove(handle);
  }

  @Override
  public int size() {
    return local.size();
  }

  @Override
  public Future<Void> refresh(String handle) {
    Future<Void> pending = writes.getOrDefault(handle, Future.succeededFuture());
    return pending.transform(done -> Future.fromCompletionStage(shared.getAsync(handle), vertx.getOrCreateContext()))
        .map(encoded -> {
          if (encoded == null) {
            local.remove(handle);
          } else {
            local.put(handle, decode(encoded));
          }
          return null;
        });
  }

  @Override
  public Future<Void> flush(String handle) {
    Future<Void> pending = writes.remove(handle);
    return pending == null ? Future.succeededFuture() : pending;
  }

  static String encode(Exposure exposure) {
    return new JsonObject()
        .put("categories", new JsonArray(java.util.List.copyOf(exposure.categories())))
        .put("analyzed", new JsonArray(java.util.List.copyOf(exposure.analyzed())))
        .put("tools", new JsonArray(java.util.List.copyOf(exposure.tools())))
        .encode();
  }

  static Exposure decode(String encoded) {
    JsonObject json = new JsonObject(encoded);
    return new Exposure(strings(json.getJsonArray("categories")), strings(json.getJsonArray("analyzed")),
        strings(json.getJsonArray("tools")));
  }

  /** The strings of a JSON array, in order, each once. */
  static Set<String> strings(JsonArray array) {
    Set<String> result = new LinkedHashSet<>();
    array.forEach(item -> result.add((String) item));
    return result;
  }
}
