package io.mcphub.categorizer.llm;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.CategoryScore;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Validates a model's JSON answer: categories outside the request dropped, confidences clamped, reasoning one line. */
public final class LlmAnswers {

  private LlmAnswers() {
  }

  /**
   * The categorization in {@code modelText}; a {@link CategorizerException} ({@code INTERNAL}) when it is not the
   * JSON asked for. {@code provider} names the model's maker in the reason ("Gemini's answer …").
   */
  public static Categorization parse(String modelText, CategorizationRequest request, String categorizer, String model,
      String provider) {
    JsonObject answer;
    try {
      answer = new JsonObject(stripFences(modelText));
    } catch (DecodeException | ClassCastException e) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, provider + "'s answer was not the JSON asked for");
    }
    if (!(answer.getValue("categories") instanceof JsonArray list)) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, provider + "'s answer had no \"categories\" array");
    }
    List<CategoryScore> scores = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof JsonObject score && score.getValue("name") instanceof String name && request.asks(name)
          && score.getValue("confidence") instanceof Number confidence) {
        scores.add(new CategoryScore(name, Math.max(0, Math.min(1, confidence.doubleValue()))));
      }
    }
    String reasoning = answer.getValue("reasoning") instanceof String r ? oneLine(r) : "";
    return new Categorization(categorizer, model, scores, reasoning, 0);
  }

  /** One line of at most 300 characters. */
  public static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static String stripFences(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("```")) {
      int start = trimmed.indexOf('\n');
      int end = trimmed.lastIndexOf("```");
      if (start > 0 && end > start) {
        return trimmed.substring(start + 1, end);
      }
    }
    return trimmed;
  }
}
