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

  static JsonObject schema(CategorizationRequest request) {
    JsonArray names = new JsonArray();
    request.categories().forEach(category -> names.add(category.name()));
    JsonObject item = new JsonObject().put("type", "OBJECT")
        .put("properties", new JsonObject()
            .put("name", new JsonObject().put("type", "STRING").put("enum", names))
            .put("confidence", new JsonObject().put("type", "NUMBER")))
        .put("required", new JsonArray().add("name").add("confidence"));
    return new JsonObject().put("type", "OBJECT")
        .put("properties", new JsonObject()
            .put("categories", new JsonObject().put("type", "ARRAY").put("items", item))
            .put("reasoning", new JsonObject().put("type", "STRING")))
        .put("required", new JsonArray().add("categories").add("reasoning"));
  }
}
