package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.llm.LlmPrompts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds the {@code generateContent} body: the shared system instruction ({@link LlmPrompts}), the prompt as the
 * user turn, temperature 0, and a response schema in Gemini's OpenAPI dialect (upper-case types) whose category names
 * are limited to the request's.
 *
 * @see <a href="https://ai.google.dev/api/generate-content">generateContent</a>
 */
final class GeminiRequests {

  private GeminiRequests() {
  }

  static JsonObject body(CategorizationRequest request, GeminiOptions options) {
    JsonObject generation = new JsonObject()
        .put("temperature", 0)
        .put("responseMimeType", "application/json")
        .put("responseSchema", schema(request))
        .put("maxOutputTokens", options.maxOutputTokens())
        .put("thinkingConfig", new JsonObject().put("thinkingBudget", options.thinkingBudget()));
    String user = LlmPrompts.userText(request);
    return new JsonObject()
        .put("systemInstruction", new JsonObject().put("parts", new JsonArray().add(new JsonObject()
            .put("text", LlmPrompts.instruction(request)))))
        .put("contents", new JsonArray().add(new JsonObject().put("role", "user")
            .put("parts", new JsonArray().add(new JsonObject().put("text", user)))))
        .put("generationConfig", generation);
  }

  /** The shared answer schema ({@link LlmPrompts#answerSchema}) in Gemini's OpenAPI dialect. */
  static JsonObject schema(CategorizationRequest request) {
    return openApi(LlmPrompts.answerSchema(request));
  }

  /** Gemini's schema dialect: upper-case {@code type} names, no {@code additionalProperties}. */
  private static JsonObject openApi(JsonObject schema) {
    JsonObject converted = new JsonObject();
    schema.forEach(entry -> {
      Object value = entry.getValue();
      switch (entry.getKey()) {
        case "additionalProperties" -> {
          // not part of Gemini's schema dialect
        }
        case "type" -> converted.put("type", ((String) value).toUpperCase(java.util.Locale.ROOT));
        case "properties" -> {
          JsonObject properties = new JsonObject();
          ((JsonObject) value).forEach(p -> properties.put(p.getKey(), openApi((JsonObject) p.getValue())));
          converted.put("properties", properties);
        }
        case "items" -> converted.put("items", openApi((JsonObject) value));
        default -> converted.put(entry.getKey(), value);
      }
    });
    return converted;
  }
}
