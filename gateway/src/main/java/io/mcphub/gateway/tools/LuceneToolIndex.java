package io.mcphub.gateway.tools;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ToolIndex} over immutable {@link ToolSearch} snapshots: built on a worker, swapped in on completion. */
final class LuceneToolIndex implements ToolIndex {

  private static final Logger LOG = LoggerFactory.getLogger(LuceneToolIndex.class);

  private final Vertx vertx;
  private volatile ToolSearch current = ToolSearch.empty();
  private boolean building;
  private List<IndexedTool> pending;
  private Promise<Void> pendingDone;

  LuceneToolIndex(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> update(List<IndexedTool> tools) {
    List<IndexedTool> snapshot = List.copyOf(tools);
    if (!building) {
      return build(snapshot);
    }
    pending = snapshot;
    if (pendingDone == null) {
      pendingDone = Promise.promise();
    }
    return pendingDone.future();
  }

  @Override
  public List<ToolMatch> search(String query, int limit) {
    return current.search(query, limit);
  }

  @Override
  public int size() {
    return current.size();
  }

  private Future<Void> build(List<IndexedTool> tools) {
    building = true;
    long start = System.nanoTime();
    Future<ToolSearch> built;
    try {
      built = vertx.executeBlocking(() -> ToolSearch.build(tools), false);
    } catch (RejectedExecutionException closing) {
      // the worker pool is shutting down with the hub: nothing will search this index any more
      LOG.debug("tool index rebuild of {} tools skipped: the hub is closing", tools.size());
      building = false;
      return Future.succeededFuture();
    }
    return built
        .<Void>map(search -> {
          current = search;
          LOG.debug("tool index rebuilt: {} tools in {} ms", tools.size(), (System.nanoTime() - start) / 1_000_000);
          addSpellings(search);
          return null;
        })
        .onFailure(error -> LOG.warn("tool index rebuild of {} tools failed; searches use the previous index", tools.size(), error))
        .onComplete(done -> next());
  }

  /** Completes {@code search} with its misspelling table in the background: it is searchable without it meanwhile. */
  private void addSpellings(ToolSearch search) {
    try {
      vertx.executeBlocking(search::withSpellings, false)
          .onFailure(error -> LOG.warn("the tool index's misspelling table could not be built; misspelled words match nothing", error));
    } catch (RejectedExecutionException closing) {
      LOG.debug("misspelling table skipped: the hub is closing");
    }
  }

  /** Starts the coalesced update, if one came in while building. */
  private void next() {
    building = false;
    if (pending == null) {
      return;
    }
    List<IndexedTool> tools = pending;
    Promise<Void> done = pendingDone;
    pending = null;
    pendingDone = null;
    build(tools).onComplete(done);
  }
}
