package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.Secrets;
import io.mcphub.categorizer.llm.FailureClass;
import io.mcphub.categorizer.llm.LlmAnswers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Turns a {@code generateContent} response into a categorization, or a {@link CategorizerException} with a
 * failure code and a one-line reason: HTTP errors (with Gemini's error message), a blocked prompt, no candidates,
 * a cut-off or refused answer, text that is not the JSON asked for ({@link LlmAnswers} validates the JSON itself).
 */
final class GeminiAnswers {

  static final String NAME = "gemini";

  private GeminiAnswers() {
  }

  /**
   * The class of an HTTP error: by its status, except that Gemini answers a key it does not accept with 400
   * {@code INVALID_ARGUMENT} (reason {@code API_KEY_INVALID}), which is an {@link FailureClass#AUTH} failure.
   */
  static FailureClass failureClass(int status, Buffer body) {
    String text = body == null ? "" : body.toString();
    return status == 400 && (text.contains("API_KEY_INVALID") || text.contains("API key not valid"))
        ? FailureClass.AUTH : FailureClass.ofHttpStatus(status);
  }

  /** The failure for an HTTP error; Gemini's message is kept, with the key and anything shaped like a secret removed. */
  static CategorizerException httpError(int status, Buffer body, String apiKey) {
    String detail = "";
    try {
      JsonObject error = body == null || body.length() == 0 ? null : new JsonObject(body).getJsonObject("error");
      if (error != null) {
        detail = ": " + error.getString("status", "") + " " + LlmAnswers.oneLine(error.getString("message", ""));
      }
    } catch (DecodeException | ClassCastException e) {
      detail = "";
    }
    int code = status == 408 || status == 504 ? CategorizerFailures.TIMEOUT : CategorizerFailures.UNAVAILABLE;
    String reason = "Gemini answered HTTP " + status + detail.stripTrailing();
    return new CategorizerException(code, Secrets.redact(reason, apiKey == null ? List.of() : List.of(apiKey)));
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
    return LlmAnswers.parse(text(candidate), request, NAME, model, "Gemini");
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

}
