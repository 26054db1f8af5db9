package io.mcphub.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * The whole validated configuration.
 *
 * @param servers {@code mcpServers} in file order
 * @param warnings problems that do not stop the hub (an unknown key, an LLM key missing while the heuristic can take
 *     over); the caller logs them
 */
public record HubConfig(HubOptions hub, PoolOptions pool, FilteringOptions filtering, Map<String, ServerConfig> servers,
    List<String> warnings) {

  /** The effective {@code toolFiltering.mode}. */
  public FilteringMode filteringMode() {
    return filtering.mode();
  }
}
