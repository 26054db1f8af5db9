package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.CategoryScore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code generateContent} response into a categorization, or a {@link CategorizerException} with a
 * failure code and a one-line reason: HTTP errors (with Gemini's error message), a blocked prompt, no candidates,
 * a cut-off or refused answer, text that is not the JSON asked for. Categories outside the request are dropped and
 * confidences clamped to [0, 1].
 */
final class GeminiAnswers {

  static final String NAME = "gemini";

  private GeminiAnswers() {
  }

  /** True for the statuses worth retrying: rate limits and server errors. */
  static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  static CategorizerException httpError(int status, Buffer body) {
    String detail = "";
    try {
      JsonObject error = body == null || body.length() == 0 ? null : new JsonObject(body).getJsonObject("error");
      if (error != null) {
        detail = ": " + error.getString("status", "") + " " + oneLine(error.getString("message", ""));
      }
    } catch (DecodeException | ClassCastException e) {
      detail = "";
    }
    int code = status == 408 || status == 504 ? CategorizerFailures.TIMEOUT : CategorizerFailures.UNAVAILABLE;
    return new CategorizerException(code, "Gemini answered HTTP " + status + detail.stripTrailing());
  }

  static Categorization parse(Buffer body, CategorizationRequest request, String model) {
    JsonObject response;
    try {
      response = new JsonObject(body);
    } catch (DecodeException e) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, "Gemini's response was not JSON");
    }
    JsonObject feedback = response.getJsonObject("promptFeedback");
    if (feedback != null && feedback.getString("blockReason") != null) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE,
          "Gemini blocked the prompt (blockReason " + feedback.getString("blockReason") + ")");
    }
    JsonArray candidates = response.getJsonArray("candidates");
    if (candidates == null || candidates.isEmpty()) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, "Gemini returned no candidates");
    }
    JsonObject candidate = candidates.getJsonObject(0);
    String finish = candidate.getString("finishReason", "STOP");
    if ("MAX_TOKENS".equals(finish)) {
      throw new CategorizerException(CategorizerFailures.INTERNAL,
          "Gemini's answer was cut off (finishReason MAX_TOKENS); raise maxOutputTokens or lower thinkingBudget");
    }
    if (!"STOP".equals(finish)) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, "Gemini did not answer (finishReason " + finish + ")");
    }
    return categorization(text(candidate), request, model);
  }

  private static String text(JsonObject candidate) {
    JsonObject content = candidate.getJsonObject("content", new JsonObject());
    StringBuilder text = new StringBuilder();
    for (Object part : content.getJsonArray("parts", new JsonArray())) {
      if (part instanceof JsonObject object && object.getString("text") != null && !object.getBoolean("thought", false)) {
        text.append(object.getString("text"));
      }
    }
    if (text.length() == 0) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, "Gemini's answer had no text");
    }
    return text.toString();
  }

  private static Categorization categorization(String text, CategorizationRequest request, String model) {
    JsonObject answer;
    try {
      answer = new JsonObject(stripFences(text));
    } catch (DecodeException | ClassCastException e) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, "Gemini's answer was not the JSON asked for");
    }
    Object categories = answer.getValue("categories");
    if (!(categories instanceof JsonArray list)) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, "Gemini's answer had no \"categories\" array");
    }
    List<CategoryScore> scores = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof JsonObject score && score.getValue("name") instanceof String name && request.asks(name)
          && score.getValue("confidence") instanceof Number confidence) {
        scores.add(new CategoryScore(name, Math.max(0, Math.min(1, confidence.doubleValue()))));
      }
    }
    String reasoning = answer.getValue("reasoning") instanceof String r ? oneLine(r) : "";
    return new Categorization(NAME, model, scores, reasoning, 0);
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

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
