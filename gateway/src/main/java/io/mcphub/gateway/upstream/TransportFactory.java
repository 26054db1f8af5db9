package io.mcphub.gateway.upstream;

import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.config.TransportType;

/** Makes the transport for a server entry; one place decides stdio, Streamable HTTP or SSE. */
@FunctionalInterface
public interface TransportFactory {

  UpstreamTransport create(ServerConfig config, TransportType type);
}
