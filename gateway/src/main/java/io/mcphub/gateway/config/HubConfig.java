package io.mcphub.gateway.config;

import io.mcphub.gateway.telemetry.TracingOptions;
import java.util.List;
import java.util.Map;

/**
 * The whole validated configuration.
 *
 * @param servers {@code mcpServers} in file order
 * @param warnings problems that do not stop the hub (an unknown key, an LLM key missing while the heuristic can take
 *     over); the caller logs them
 * @param tracing {@code telemetry.tracing}; read at start only
 * @param cluster {@code cluster}; read at start only
 */
public record HubConfig(HubOptions hub, PoolOptions pool, FilteringOptions filtering, Map<String, ServerConfig> servers,
    List<String> warnings, TracingOptions tracing, ClusterOptions cluster) {

  /** The same config with another {@code cluster} section ({@code --cluster}). */
  public HubConfig withCluster(ClusterOptions next) {
    return new HubConfig(hub, pool, filtering, servers, warnings, tracing, next);
  }

  /** The effective {@code toolFiltering.mode}. */
  public FilteringMode filteringMode() {
    return filtering.mode();
  }
}
