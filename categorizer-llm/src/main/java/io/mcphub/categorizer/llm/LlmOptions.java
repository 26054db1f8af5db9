package io.mcphub.categorizer.llm;

import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.vertx.core.json.JsonObject;

/**
 * The {@code llmCategorization} settings every LLM categorizer reads, with the same defaults for every provider
 * (plus the hub's {@code connectionPool}).
 *
 * @param apiKey null when the provider needs none (a local server)
 * @param timeoutMs the whole answer budget, retries included
 * @param retryCount retries after a 429, a 5xx or a connection error
 */
public record LlmOptions(String apiKey, String model, String baseUrl, long timeoutMs, int retryCount, int circuitFailures,
    long circuitResetMs, int cacheSize, long cacheTtlMs, int maxConnections, long keepAliveTimeoutMs) {

  public static final long DEFAULT_TIMEOUT_MS = 3_000;
  public static final int DEFAULT_RETRY_COUNT = 2;
  public static final int DEFAULT_CIRCUIT_FAILURES = 5;
  public static final long DEFAULT_CIRCUIT_RESET_MS = 30_000;
  public static final int DEFAULT_CACHE_SIZE = 1_000;
  public static final long DEFAULT_CACHE_TTL_SECONDS = 3_600;

  /**
   * Reads the section; {@code keyRequired} makes a missing {@code apiKey} a failure that names the setting.
   */
  public static LlmOptions fromJson(JsonObject config, String defaultModel, String defaultBaseUrl, boolean keyRequired,
      String provider) {
    JsonObject json = config == null ? new JsonObject() : config;
    String apiKey = json.getString("apiKey");
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
    if (apiKey == null && keyRequired) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE,
          "no " + provider + " API key: set llmCategorization.apiKey (for example \"${" + provider.toUpperCase(java.util.Locale.ROOT)
              + "_API_KEY}\")");
    }
    JsonObject breaker = json.getJsonObject("circuitBreaker", new JsonObject());
    JsonObject pool = json.getJsonObject("connectionPool", new JsonObject());
    String baseUrl = json.getString("baseUrl", defaultBaseUrl);
    return new LlmOptions(apiKey,
        json.getString("model", defaultModel),
        baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
        json.getLong("timeoutMs", DEFAULT_TIMEOUT_MS),
        json.getInteger("retryCount", DEFAULT_RETRY_COUNT),
        breaker.getInteger("failures", DEFAULT_CIRCUIT_FAILURES),
        breaker.getLong("resetMs", DEFAULT_CIRCUIT_RESET_MS),
        json.getInteger("cacheSize", DEFAULT_CACHE_SIZE),
        json.getLong("cacheTTL", DEFAULT_CACHE_TTL_SECONDS) * 1_000,
        pool.getInteger("maxConnections", 50),
        pool.getLong("keepAliveTimeout", 60_000L));
  }
}
