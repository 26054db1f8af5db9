package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.vertx.core.json.JsonObject;

/**
 * The {@code llmCategorization} settings the Gemini categorizer reads (plus the hub's {@code connectionPool}).
 *
 * @param timeoutMs the whole answer budget, retries included
 * @param retryCount retries after a 429, a 5xx or a connection error, with jittered exponential backoff
 * @param thinkingBudget tokens a thinking model may spend before answering; {@code maxOutputTokens} leaves room for both
 */
record GeminiOptions(String apiKey, String model, String baseUrl, long timeoutMs, int retryCount, int circuitFailures,
    long circuitResetMs, int cacheSize, long cacheTtlMs, int maxOutputTokens, int thinkingBudget, int maxConnections,
    long keepAliveTimeoutMs) {

  static final String DEFAULT_MODEL = "gemini-2.5-flash";
  static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
  static final long DEFAULT_TIMEOUT_MS = 3_000;
  static final int DEFAULT_RETRY_COUNT = 2;
  static final int DEFAULT_CIRCUIT_FAILURES = 5;
  static final long DEFAULT_CIRCUIT_RESET_MS = 30_000;
  static final int DEFAULT_CACHE_SIZE = 1_000;
  static final long DEFAULT_CACHE_TTL_SECONDS = 3_600;
  static final int DEFAULT_MAX_OUTPUT_TOKENS = 2_048;
  static final int DEFAULT_THINKING_BUDGET = 0;

  static GeminiOptions fromJson(JsonObject config) {
    JsonObject json = config == null ? new JsonObject() : config;
    String apiKey = json.getString("apiKey");
    if (apiKey == null || apiKey.isBlank()) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE,
          "no Gemini API key: set llmCategorization.apiKey (for example \"${GEMINI_API_KEY}\")");
    }
    JsonObject breaker = json.getJsonObject("circuitBreaker", new JsonObject());
    JsonObject pool = json.getJsonObject("connectionPool", new JsonObject());
    return new GeminiOptions(apiKey,
        json.getString("model", DEFAULT_MODEL),
        stripSlash(json.getString("baseUrl", DEFAULT_BASE_URL)),
        json.getLong("timeoutMs", DEFAULT_TIMEOUT_MS),
        json.getInteger("retryCount", DEFAULT_RETRY_COUNT),
        breaker.getInteger("failures", DEFAULT_CIRCUIT_FAILURES),
        breaker.getLong("resetMs", DEFAULT_CIRCUIT_RESET_MS),
        json.getInteger("cacheSize", DEFAULT_CACHE_SIZE),
        json.getLong("cacheTTL", DEFAULT_CACHE_TTL_SECONDS) * 1_000,
        json.getInteger("maxOutputTokens", DEFAULT_MAX_OUTPUT_TOKENS),
        json.getInteger("thinkingBudget", DEFAULT_THINKING_BUDGET),
        pool.getInteger("maxConnections", 50),
        pool.getLong("keepAliveTimeout", 60_000L));
  }

  /** The generateContent path for the model; the key never goes into it. */
  String path() {
    return "/v1beta/models/" + model + ":generateContent";
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
