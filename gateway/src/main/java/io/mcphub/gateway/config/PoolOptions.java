package io.mcphub.gateway.config;

/** The top-level {@code connectionPool} section: HTTP connection reuse towards remote upstreams. */
public record PoolOptions(boolean enabled, long keepAliveTimeoutMs, int maxConnections) {

  public static final long DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 60_000;
  public static final int DEFAULT_MAX_CONNECTIONS = 50;

  public static PoolOptions defaults() {
    return new PoolOptions(true, DEFAULT_KEEP_ALIVE_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS);
  }
}
