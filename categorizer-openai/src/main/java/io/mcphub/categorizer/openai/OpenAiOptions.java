package io.mcphub.categorizer.openai;

import io.mcphub.categorizer.llm.LlmOptions;
import io.vertx.core.json.JsonObject;

/**
 * The OpenAI-compatible categorizer's settings: those every LLM categorizer shares, plus {@code jsonSchema}
 * ({@code false} asks for {@code json_object} instead of a strict {@code json_schema}, for servers without structured
 * outputs), and {@code headers} sent with every request (Azure OpenAI's {@code api-key}). The key is required for the
 * OpenAI API itself and optional for other servers (Ollama, vLLM, LM Studio).
 */
record OpenAiOptions(LlmOptions common, boolean jsonSchema, java.util.Map<String, String> headers) {

  static final String DEFAULT_MODEL = "gpt-4o-mini";
  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  static OpenAiOptions fromJson(JsonObject config) {
    JsonObject json = config == null ? new JsonObject() : config;
    boolean openAiItself = json.getString("baseUrl", DEFAULT_BASE_URL).startsWith(DEFAULT_BASE_URL);
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    json.getJsonObject("headers", new JsonObject()).forEach(entry -> headers.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new OpenAiOptions(LlmOptions.fromJson(json, DEFAULT_MODEL, DEFAULT_BASE_URL, openAiItself, "OpenAI"),
        json.getBoolean("jsonSchema", true), java.util.Map.copyOf(headers));
  }

  String url() {
    return common.baseUrl() + "/chat/completions";
  }
}
