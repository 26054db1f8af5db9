package io.mcphub.categorizer.embedding;

import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFactory;
import io.mcphub.categorizer.CategorizerFailures;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code embedding}: scores categories and tools by sentence embeddings computed in this process (all-MiniLM-L6-v2,
 * quantized, ONNX Runtime): no key, no network. Config ({@link EmbeddingOptions}): {@code model}, {@code stateDir},
 * {@code maxToolScores}, {@code batchSize}, {@code maxPending}, {@code embedAtStart}.
 */
public final class EmbeddingCategorizerFactory implements CategorizerFactory {

  @Override
  public String name() {
    return EmbeddingCategorizer.NAME;
  }

  @Override
  public Categorizer create(Vertx vertx, JsonObject config) {
    EmbeddingOptions options = EmbeddingOptions.fromJson(config);
    Embedder embedder;
    try {
      embedder = Embedder.of(options.model());
    } catch (IllegalArgumentException e) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, e.getMessage());
    }
    EmbeddingCategorizer categorizer = new EmbeddingCategorizer(vertx, options, embedder);
    categorizer.start();
    return categorizer;
  }
}
