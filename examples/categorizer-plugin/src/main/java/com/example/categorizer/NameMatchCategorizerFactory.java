package com.example.categorizer;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerFactory;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A complete categorizer plugin: a category is needed when the prompt says its name. */
public final class NameMatchCategorizerFactory implements CategorizerFactory {

  @Override
  public String name() {
    return "name-match";
  }

  @Override
  public Categorizer create(Vertx vertx, JsonObject config) {
    double confidence = config.getDouble("matchConfidence", 0.9);
    return request -> {
      String prompt = request.prompt().toLowerCase(Locale.ROOT);
      List<CategoryScore> scores = new ArrayList<>();
      for (CategoryDefinition category : request.categories()) {
        scores.add(new CategoryScore(category.name(), prompt.contains(category.name()) ? confidence : 0.0));
      }
      return Future.succeededFuture(new Categorization(name(), name(), scores, "category names found in the prompt", 0));
    };
  }
}
