package io.mcphub.categorizer.openai;

import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code openai}: categorization by any OpenAI-compatible Chat Completions API ({@code llmCategorization.provider:
 * "openai"}, {@code baseUrl} for Azure OpenAI or local servers).
 */
public final class OpenAiCategorizerFactory implements CategorizerFactory {

  @Override
  public String name() {
    return OpenAiExchange.NAME;
  }

  @Override
  public Categorizer create(Vertx vertx, JsonObject config) {
    return new OpenAiCategorizer(vertx, OpenAiOptions.fromJson(config));
  }
}
