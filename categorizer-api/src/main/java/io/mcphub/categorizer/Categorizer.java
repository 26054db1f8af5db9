package io.mcphub.categorizer;

import io.vertx.core.Future;

/**
 * Scores how much a prompt needs each requested category. Runs on an event loop: never block; do I/O
 * with Vert.x clients and return their futures.
 */
public interface Categorizer {

  /**
   * Scores {@code request.prompt()} against {@code request.categories()}. The returned scores may be
   * partial or unsorted: the serving verticle keeps only requested categories, clamps confidences to
   * [0, 1] and sorts them. Fail with a {@link CategorizerException} carrying a {@link CategorizerFailures}
   * code; any other failure is reported as {@link CategorizerFailures#INTERNAL}.
   */
  Future<Categorization> categorize(CategorizationRequest request);

  /**
   * What the categorizer wants operators to see in {@code /health}: circuit state, last error, counters. Never
   * secrets. Served at {@link CategorizerAddresses#statusOf(String)}. Empty by default.
   */
  default io.vertx.core.json.JsonObject status() {
    return new io.vertx.core.json.JsonObject();
  }

  /** Releases clients, timers and caches. Called when the hub stops or reloads the categorizer. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
