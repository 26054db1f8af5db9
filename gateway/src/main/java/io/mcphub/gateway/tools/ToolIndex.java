package io.mcphub.gateway.tools;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * A search index of every upstream tool (Apache Lucene, BM25): the words of its namespaced name, title, description,
 * parameters and server. {@link #update} rebuilds it off the event loop whenever the registry's tool list changes;
 * until a rebuild is done, searches answer from the previous one. Updates are called on the owner's context.
 */
public interface ToolIndex {

  /** An index whose rebuilds run on {@code vertx}'s worker pool. */
  static ToolIndex create(Vertx vertx) {
    return new LuceneToolIndex(vertx);
  }

  /**
   * Replaces the indexed tools. While a rebuild runs, later updates are coalesced: only the newest list is indexed
   * next. Completes once {@code tools} (or a newer list) is searchable; fails, keeping the previous index, if indexing fails.
   */
  Future<Void> update(List<IndexedTool> tools);

  /** The tools that share words with {@code query}, best first, at most {@code limit}; never blocks. */
  List<ToolMatch> search(String query, int limit);

  /** How many tools the searchable index holds. */
  int size();
}
