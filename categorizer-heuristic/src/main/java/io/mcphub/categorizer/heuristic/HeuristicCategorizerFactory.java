package io.mcphub.categorizer.heuristic;

import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code heuristic}: the keyword, phrase and pattern categorizer. Config: {@code categories}, an optional
 * array of {@code {"name": ..., "keywords": [...]}} that teaches it categories of the hub's config; without keywords
 * to add, the bundled lexicon (loaded once) is used as is.
 */
public final class HeuristicCategorizerFactory implements CategorizerFactory {

  @Override
  public String name() {
    return HeuristicCategorizer.NAME;
  }

  @Override
  public Categorizer create(Vertx vertx, JsonObject config) {
    JsonArray categories = config == null ? new JsonArray() : config.getJsonArray("categories", new JsonArray());
    JsonArray withKeywords = new JsonArray(categories.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
        .filter(category -> !category.getJsonArray("keywords", new JsonArray()).isEmpty()).toList());
    return new HeuristicCategorizer(withKeywords.isEmpty() ? BundledLexicon.INSTANCE
        : Lexicon.fromJson(BundledLexicon.json(), withKeywords));
  }

  /** The bundled lexicon, loaded once. */
  private static final class BundledLexicon {
    static final Lexicon INSTANCE = Lexicon.bundled();

    static JsonObject json() {
      try (java.io.InputStream in = Lexicon.class.getResourceAsStream(Lexicon.RESOURCE)) {
        return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
