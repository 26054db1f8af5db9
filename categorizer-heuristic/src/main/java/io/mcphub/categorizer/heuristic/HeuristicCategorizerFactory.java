package io.mcphub.categorizer.heuristic;

import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code heuristic}: the keyword, phrase and pattern categorizer. Config: {@code categories}, an optional
 * array of {@code {"name": ..., "keywords": [...]}} that teaches it categories of the hub's config.
 */
public final class HeuristicCategorizerFactory implements CategorizerFactory {

  @Override
  public String name() {
    return HeuristicCategorizer.NAME;
  }

  @Override
  public Categorizer create(Vertx vertx, JsonObject config) {
    JsonArray custom = config == null ? new JsonArray() : config.getJsonArray("categories", new JsonArray());
    return new HeuristicCategorizer(custom.isEmpty() ? BundledLexicon.INSTANCE : Lexicon.fromJson(BundledLexicon.json(), custom));
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
