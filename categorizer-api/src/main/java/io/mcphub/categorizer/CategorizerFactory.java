package io.mcphub.categorizer;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The service a categorizer plugin registers in {@code META-INF/services/io.mcphub.categorizer.CategorizerFactory}.
 * The hub loads every factory on its class path and in its {@code --plugins} directory; two factories
 * with the same {@link #name()} stop the start.
 */
public interface CategorizerFactory {

  /**
   * The categorizer's name: what {@code llmCategorization.provider} selects, the suffix of its event-bus
   * address, and the {@code source} shown in results. Lower case, e.g. {@code "heuristic"}, {@code "gemini"}.
   */
  String name();

  /**
   * Creates the categorizer. Called once, on the verticle's context; must not block. Throwing (for example
   * {@link CategorizerException} with {@link CategorizerFailures#UNAVAILABLE} for a missing key) makes the
   * deployment fail, which the hub reports in {@code /health} without stopping.
   *
   * @param config the {@code llmCategorization} section of the hub config (may be empty), placeholders resolved
   */
  Categorizer create(Vertx vertx, JsonObject config);
}
