package io.mcphub.gateway.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.mcphub.gateway.exposure.ExposureHandle;
import io.mcphub.gateway.exposure.ExposureHandles;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Exposure handles of a cluster. Handles never change once minted, so every node keeps a full replica in the bounded
 * in-memory store and reads stay synchronous: a handle minted here goes to a Hazelcast map (its lifetime as the
 * entry's TTL, synchronous backups), and every node adopts what is added to that map. The response that carries a new
 * handle waits until the map holds it ({@link #flush}); a node that joins later loads the map first.
 */
final class ClusteredExposureHandles implements ExposureHandles {

  private final ExposureHandles replica;
  private final IMap<String, String> shared;
  private final Context context;
  private final List<Future<Void>> pending = new ArrayList<>();
  private UUID listener;

  ClusteredExposureHandles(ExposureHandles replica, IMap<String, String> shared, Context context) {
    this.replica = replica;
    this.shared = shared;
    this.context = context;
  }

  /** Adopts every handle the cluster holds, then each one another node mints. */
  Future<Void> start() {
    listener = shared.addEntryListener((EntryAddedListener<String, String>) this::added, true);
    return context.owner().<List<ExposureHandle>>executeBlocking(() -> shared.values().stream()
            .map(ClusteredExposureHandles::decode).sorted(Comparator.comparingLong(ExposureHandle::expiresAt)).toList(), false)
        .onSuccess(all -> all.forEach(replica::adopt))
        .mapEmpty();
  }

  Future<Void> stop() {
    if (listener != null) {
      shared.removeEntryListener(listener);
    }
    return Future.succeededFuture();
  }

  private void added(EntryEvent<String, String> event) {
    ExposureHandle handle = decode(event.getValue());
    context.runOnContext(v -> replica.adopt(handle));
  }

  @Override
  public ExposureHandle mint(String owner, Set<String> categories, List<String> tools) {
    ExposureHandle handle = replica.mint(owner, categories, tools);
    long ttlMs = Math.max(1, handle.expiresAt() - System.currentTimeMillis());
    Future<Void> write = Future.fromCompletionStage(shared.setAsync(handle.id(), encode(handle), ttlMs,
        TimeUnit.MILLISECONDS), context);
    pending.add(write);
    write.onComplete(done -> pending.remove(write));
    return handle;
  }

  @Override
  public Lookup lookup(String id, String principal) {
    return replica.lookup(id, principal);
  }

  @Override
  public Future<Void> fetch(String id) {
    if (id == null || replica.lookup(id, null).problem() != Problem.UNKNOWN) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(shared.getAsync(id), context).map(encoded -> {
      if (encoded != null) {
        replica.adopt(decode(encoded));
      }
      return null;
    });
  }

  @Override
  public void adopt(ExposureHandle handle) {
    replica.adopt(handle);
  }

  @Override
  public Future<Void> flush() {
    return pending.isEmpty() ? Future.succeededFuture() : Future.join(List.copyOf(pending)).mapEmpty();
  }

  @Override
  public Duration ttl() {
    return replica.ttl();
  }

  @Override
  public int size() {
    return replica.size();
  }

  static String encode(ExposureHandle handle) {
    return new JsonObject()
        .put("id", handle.id())
        .put("owner", handle.owner())
        .put("categories", new JsonArray(List.copyOf(handle.categories())))
        .put("tools", new JsonArray(handle.tools()))
        .put("expiresAt", handle.expiresAt())
        .encode();
  }

  static ExposureHandle decode(String encoded) {
    JsonObject json = new JsonObject(encoded);
    return new ExposureHandle(json.getString("id"), json.getString("owner"), ClusteredExposureStore.strings(json.getJsonArray("categories")),
        json.getJsonArray("tools").stream().map(String.class::cast).toList(), json.getLong("expiresAt"));
  }
}
