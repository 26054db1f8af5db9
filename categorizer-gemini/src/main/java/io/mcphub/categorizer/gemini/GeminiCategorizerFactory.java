package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code gemini}: categorization by the Gemini API ({@code llmCategorization.provider: "gemini"}). Fails to start
 * (reported in {@code /health}; the heuristic takes over) when no API key is configured.
 */
public final class GeminiCategorizerFactory implements CategorizerFactory {

  @Override
  public String name() {
    return GeminiAnswers.NAME;
  }

  @Override
  public Categorizer create(Vertx vertx, JsonObject config) {
    return new GeminiCategorizer(vertx, GeminiOptions.fromJson(config));
  }
}
