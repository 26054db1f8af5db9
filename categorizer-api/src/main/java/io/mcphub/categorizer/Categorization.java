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
 * "scores": [{"category": "filesystem", "confidence": 0.93}], "reasoning": "...", "latencyMs": 812, "toolNeed": 0.9}}.
 * {@code toolNeed} is optional (absent when the categorizer does not say): added after the first contract, so a
 * categorizer built against it keeps compiling ({@link #Categorization(String, String, List, String, long)}) and
 * its replies keep parsing. {@code "tools": [{"name": "github__create_issue", "confidence": 0.83}]} is optional too
 * (absent or empty when the categorizer does not score tools, see {@link ToolCatalogListener}).
 *
 * @param categorizer the categorizer's name
 * @param model the model that answered, or the categorizer's name when there is none
 * @param scores confidences, sorted descending once {@link #normalizedFor normalized}
 * @param reasoning a short explanation (may be empty; never the prompt itself)
 * @param latencyMs how long the categorization took
 * @param toolNeed how confident the categorizer is, in [0, 1], that the request needs any tool at all (a conceptual
 *     question or text written into the chat needs none, whatever it mentions); null when it does not say
 * @param tools the tools the request most likely needs, best first once {@link #normalizedFor normalized}, at most
 *     {@link #MAX_TOOL_SCORES}; empty when the categorizer does not score tools
 */
public record Categorization(String categorizer, String model, List<CategoryScore> scores, String reasoning, long latencyMs,
    Double toolNeed, List<ToolScore> tools) {

  /** The most tool scores an answer carries; a normalized answer keeps the best ones. */
  public static final int MAX_TOOL_SCORES = 100;

  public Categorization {
    scores = List.copyOf(scores);
    tools = tools == null ? List.of() : List.copyOf(tools);
    reasoning = reasoning == null ? "" : reasoning;
    toolNeed = toolNeed == null || toolNeed.isNaN() ? null : Math.max(0, Math.min(1, toolNeed));
  }

  /** An answer that scores no tool. */
  public Categorization(String categorizer, String model, List<CategoryScore> scores, String reasoning, long latencyMs,
      Double toolNeed) {
    this(categorizer, model, scores, reasoning, latencyMs, toolNeed, List.of());
  }

  /** An answer that says nothing about whether a tool is needed at all. */
  public Categorization(String categorizer, String model, List<CategoryScore> scores, String reasoning, long latencyMs) {
    this(categorizer, model, scores, reasoning, latencyMs, null, List.of());
  }

  /**
   * The contract form for {@code request}: only requested categories (the highest score of each), confidences
   * clamped to [0, 1] (NaN becomes 0), sorted by confidence descending then name; tool scores likewise (the highest of
   * each name, the best {@link #MAX_TOOL_SCORES}).
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
    return new Categorization(categorizer, model, normalized, reasoning, latencyMs, toolNeed, normalizedTools());
  }

  private List<ToolScore> normalizedTools() {
    Map<String, Double> best = new LinkedHashMap<>();
    for (ToolScore tool : tools) {
      if (tool != null && tool.name() != null && !tool.name().isEmpty()) {
        double confidence = Double.isNaN(tool.confidence()) ? 0 : Math.max(0, Math.min(1, tool.confidence()));
        best.merge(tool.name(), confidence, Math::max);
      }
    }
    List<ToolScore> normalized = new ArrayList<>();
    best.forEach((name, confidence) -> normalized.add(new ToolScore(name, confidence)));
    normalized.sort(Comparator.comparingDouble(ToolScore::confidence).reversed().thenComparing(ToolScore::name));
    return normalized.subList(0, Math.min(MAX_TOOL_SCORES, normalized.size()));
  }

  public Categorization withLatency(long millis) {
    return new Categorization(categorizer, model, scores, reasoning, millis, toolNeed, tools);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    scores.forEach(score -> list.add(score.toJson()));
    JsonObject json = new JsonObject().put("categorizer", categorizer).put("model", model).put("scores", list)
        .put("reasoning", reasoning).put("latencyMs", latencyMs);
    if (!tools.isEmpty()) {
      JsonArray toolList = new JsonArray();
      tools.forEach(tool -> toolList.add(tool.toJson()));
      json.put("tools", toolList);
    }
    return toolNeed == null ? json : json.put("toolNeed", toolNeed);
  }

  public static Categorization fromJson(JsonObject json) {
    List<CategoryScore> scores = new ArrayList<>();
    JsonArray list = json.getJsonArray("scores", new JsonArray());
    for (Object item : list) {
      if (item instanceof JsonObject score) {
        scores.add(CategoryScore.fromJson(score));
      }
    }
    List<ToolScore> tools = new ArrayList<>();
    if (json.getValue("tools") instanceof JsonArray toolList) {
      for (Object item : toolList) {
        if (item instanceof JsonObject tool && tools.size() < MAX_TOOL_SCORES) {
          tools.add(ToolScore.fromJson(tool));
        }
      }
    }
    Object toolNeed = json.getValue("toolNeed");
    return new Categorization(json.getString("categorizer", ""), json.getString("model", ""), scores,
        json.getString("reasoning", ""), json.getLong("latencyMs", 0L),
        toolNeed instanceof Number need ? need.doubleValue() : null, tools);
  }
}
