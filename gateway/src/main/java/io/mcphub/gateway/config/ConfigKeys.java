package io.mcphub.gateway.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Every key the config file may hold, one table per kind of object: a field the parser learns to read is added to its
 * table here, or the hub warns about it. Keys that MCP Hub, Claude Desktop, Cline or VS Code write and the hub does not
 * use are accepted without a warning (the README's Configuration section lists them).
 */
final class ConfigKeys {

  static final KeyTable SERVER = KeyTable.of("command", "args", "env", "cwd", "url", "headers", "type", "disabled", "disable",
          "category", "timeout", "startupTimeout", "isolation", "maxInstances", "instanceIdleTimeout", "namespace", "protocol")
      // MCP Hub (name, description, dev, connectionPool, config_source), Cline and Roo (autoApprove, alwaysAllow, transportType)
      .foreign("name", "description", "dev", "connectionPool", "config_source", "autoApprove", "alwaysAllow", "transportType");

  static final KeyTable POOL = KeyTable.of("enabled", "keepAliveTimeout", "maxConnections")
      // MCP Hub's fork: settings of its undici agent that have no counterpart here
      .foreign("keepAliveMaxTimeout", "maxFreeConnections", "timeout", "pipelining");

  static final KeyTable HUB_AUTH = KeyTable.of("tokens", "protectMetrics", "oauth")
      .nest("oauth", KeyTable.of(OAuthParser.KEYS.toArray(String[]::new))
          .nest("scopes", KeyTable.entries(KeyTable.of(OAuthParser.SCOPE_KEYS.toArray(String[]::new)))));

  static final KeyTable HUB = KeyTable.of("host", "port", "allowedOrigins", "maxBodyBytes", "restartInitialDelayMs",
          "restartMaxDelayMs", "sessionIdleTimeoutMs", "auth",
          // LimitsOptions
          "maxConnections", "maxSessions", "maxHeaderBytes", "connectionIdleTimeoutMs", "bodyTimeoutMs", "maxBatchSize",
          "streamBufferBytes")
      .nest("auth", HUB_AUTH);

  static final KeyTable LLM = KeyTable.of("enabled", "provider", "confidenceThreshold", "fallbackToHeuristic", "timeoutMs",
          "categorizeTools", "cacheTTL", "toolScorer", "toolScorerConfig", "toolScorerTimeoutMs",
          // LlmOptions (gemini, openai)
          "apiKey", "model", "baseUrl", "retryCount", "circuitBreaker", "cacheSize", "connectionPool",
          // GeminiOptions, OpenAiOptions
          "maxOutputTokens", "thinkingBudget", "jsonSchema", "headers",
          // EmbeddingOptions
          "maxToolScores", "batchSize", "maxPending", "embedAtStart")
      // MCP Hub reads these and does nothing with them
      .foreign("temperature", "maxRetries", "anthropicVersion")
      .nest("circuitBreaker", KeyTable.of("failures", "resetMs"))
      .nest("connectionPool", POOL);

  /** Providers whose keys {@link #LLM} lists; a plugin's provider reads keys of its own, which are not checked. */
  static final Set<String> BUILT_IN_PROVIDERS = Set.of("heuristic", "gemini", "openai", "embedding");

  static final KeyTable TOOL_FILTERING = KeyTable.of("enabled", "mode", "serverFilter", "categoryFilter",
          "promptBasedFiltering", "llmCategorization", "categories")
      .foreign("autoEnableThreshold")
      .nest("serverFilter", KeyTable.of("mode", "servers"))
      .nest("categoryFilter", KeyTable.of("categories", "customMappings"))
      .nest("promptBasedFiltering", KeyTable.of("defaultExposure", "minimalCategories", "sessionIsolation", "exposureMode",
          "maxTools").foreign("enabled", "enableMetaTools"))
      .nest("categories", KeyTable.of("name", "description", "keywords"));

  static final KeyTable TELEMETRY = KeyTable.of("tracing")
      .nest("tracing", KeyTable.of("enabled", "endpoint", "serviceName", "sampleRatio", "exportDelayMs"));

  static final KeyTable CLUSTER = KeyTable.of("enabled", "host", "port", "members");

  static final KeyTable ROOT = KeyTable.of("mcpServers", "servers", "hub", "connectionPool", "toolFiltering", "telemetry",
          "cluster")
      .foreign("inputs")
      .nest("mcpServers", KeyTable.entries(SERVER))
      .nest("servers", KeyTable.entries(SERVER))
      .nest("hub", HUB)
      .nest("connectionPool", POOL)
      .nest("toolFiltering", TOOL_FILTERING)
      .nest("telemetry", TELEMETRY)
      .nest("cluster", CLUSTER);

  private ConfigKeys() {
  }

  /**
   * Adds a warning for every unknown key of the (unresolved) file. A top-level key that was probably meant to hold the
   * servers, in a file without {@code mcpServers} or {@code servers}, is a problem: the hub would run no server.
   */
  static void check(JsonObject json, List<String> warnings, List<String> problems) {
    ROOT.check(json, "", warnings);
    if (json.getValue("toolFiltering") instanceof JsonObject filtering
        && filtering.getValue("llmCategorization") instanceof JsonObject llm
        && BUILT_IN_PROVIDERS.contains(llm.getValue("provider") instanceof String name ? name : "heuristic")) {
      LLM.check(llm, "toolFiltering.llmCategorization", warnings);
    }
    if (json.containsKey("mcpServers") || json.containsKey("servers")) {
      return;
    }
    for (String key : json.fieldNames()) {
      if (ROOT.knows(key)) {
        continue;
      }
      String closest = ROOT.closest(key);
      boolean misspelt = "mcpServers".equals(closest) || "servers".equals(closest);
      if (misspelt || looksLikeServers(json.getValue(key))) {
        problems.add(key + ": unknown key; did you mean " + (misspelt ? closest : "mcpServers")
            + "? Without \"mcpServers\" the hub would run no server");
      }
    }
  }

  /** An object whose values are all objects with {@code command} or {@code url}: server entries under a wrong key. */
  private static boolean looksLikeServers(Object value) {
    return value instanceof JsonObject object && !object.isEmpty() && object.stream()
        .allMatch(entry -> entry.getValue() instanceof JsonObject server && (server.containsKey("command") || server.containsKey("url")));
  }
}
