package io.mcphub.gateway.upstream;

import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.config.TransportType;

/** Makes the transport for a server entry; one place decides stdio, Streamable HTTP (either era) or SSE. */
@FunctionalInterface
public interface TransportFactory {

  UpstreamTransport create(ServerConfig config, TransportType type);

  /**
   * A sessionless MCP 2026-07-28 transport for a Streamable HTTP server, or null when this factory makes none (then the
   * hub talks 2025-11-25 only). Stdio servers always get the legacy transport.
   */
  default ModernHttpTransport createModern(ServerConfig config) {
    return null;
  }
}
