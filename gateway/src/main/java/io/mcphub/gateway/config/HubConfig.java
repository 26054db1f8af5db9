package io.mcphub.gateway.config;

import java.util.Map;

/**
 * The whole validated configuration.
 *
 * @param servers {@code mcpServers} in file order
 * @param filteringMode the effective {@code toolFiltering.mode} ({@code static} when filtering is off)
 */
public record HubConfig(HubOptions hub, PoolOptions pool, FilteringMode filteringMode, Map<String, ServerConfig> servers) {
}
