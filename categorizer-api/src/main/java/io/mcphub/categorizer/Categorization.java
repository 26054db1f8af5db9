package io.mcphub.categorizer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorizer's answer. Wire form: {@code {"categorizer": "gemini", "model": "gemini-2.5-flash",
 * "scores": [{"category": "filesystem", "confidence": 0.93}], "reasoning": "...", "latencyMs": 812}}.
 *
 * @param categorizer the categorizer's name
 * @param model the model that answered, or the categorizer's name when there is none
 * @param scores confidences, sorted descending once {@link #normalizedFor normalized}
 * @param reasoning a short explanation (may be empty; never the prompt itself)
 * @param latencyMs how long the categorization took
 */
public record Categorization(String categorizer, String model, List<CategoryScore> scores, String reasoning, long latencyMs) {

  public Categorization {
    scores = List.copyOf(scores);
    reasoning = reasoning == null ? "" : reasoning;
  }

  /**
   * The contract form for {@code request}: only requested categories (the highest score of each), confidences
   * clamped to [0, 1] (NaN becomes 0), sorted by confidence descending then name.
   */
  public Categorization normalizedFor(CategorizationRequest request) {
    Map<String, Double> best = new LinkedHashMap<>();
    for (CategoryScore score : scores) {
      if (score != null && request.asks(score.category())) {
        double confidence = Double.isNaN(score.confidence()) ? 0 : Math.max(0, Math.min(1, score.confidence()));
        best.merge(score.category(), confidence, Math::max);
      }
    }
    List<CategoryScore> normalized = new ArrayList<>();
    best.forEach((category, confidence) -> normalized.add(new CategoryScore(category, confidence)));
    normalized.sort(Comparator.comparingDouble(CategoryScore::confidence).reversed().thenComparing(CategoryScore::category));
    return new Categorization(categorizer, model, normalized, reasoning, latencyMs);
  }

  public Categorization withLatency(long millis) {
    return new Categorization(categorizer, model, scores, reasoning, millis);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    scores.forEach(score -> list.add(score.toJson()));
    return new JsonObject().put("categorizer", categorizer).put("model", model).put("scores", list)
        .put("reasoning", reasoning).put("latencyMs", latencyMs);
  }

  public static Categorization fromJson(JsonObject json) {
    List<CategoryScore> scores = new ArrayList<>();
    JsonArray list = json.getJsonArray("scores", new JsonArray());
    for (Object item : list) {
      if (item instanceof JsonObject score) {
        scores.add(CategoryScore.fromJson(score));
      }
    }
    return new Categorization(json.getString("categorizer", ""), json.getString("model", ""), scores,
        json.getString("reasoning", ""), json.getLong("latencyMs", 0L));
  }
}
