package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.llm.LlmOptions;
import io.vertx.core.json.JsonObject;

/**
 * The Gemini categorizer's settings: those every LLM categorizer shares, plus the output budget.
 *
 * @param thinkingBudget tokens a thinking model may spend before answering; {@code maxOutputTokens} leaves room for both
 */
record GeminiOptions(LlmOptions common, int maxOutputTokens, int thinkingBudget) {

  static final String DEFAULT_MODEL = "gemini-2.5-flash";
  static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
  static final int DEFAULT_MAX_OUTPUT_TOKENS = 2_048;
  static final int DEFAULT_THINKING_BUDGET = 0;

  static GeminiOptions fromJson(JsonObject config) {
    JsonObject json = config == null ? new JsonObject() : config;
    return new GeminiOptions(LlmOptions.fromJson(json, DEFAULT_MODEL, DEFAULT_BASE_URL, true, "Gemini"),
        json.getInteger("maxOutputTokens", DEFAULT_MAX_OUTPUT_TOKENS),
        json.getInteger("thinkingBudget", DEFAULT_THINKING_BUDGET));
  }

  String model() {
    return common.model();
  }

  /** The generateContent URL for the model; the key never goes into it. */
  String url() {
    return common.baseUrl() + "/v1beta/models/" + common.model() + ":generateContent";
  }
}
