package io.mcphub.gateway.upstream;

import io.mcphub.gateway.config.PoolOptions;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.config.TransportType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.function.Function;

/** The default {@link TransportFactory}: processes for stdio, one pooled HTTP client for every remote server. */
public final class Transports implements TransportFactory {

  private final Vertx vertx;
  private final Function<String, String> hubEnvironment;
  private final HttpClientAgent http;

  public Transports(Vertx vertx, PoolOptions pool, Function<String, String> hubEnvironment) {
    this.vertx = vertx;
    this.hubEnvironment = hubEnvironment;
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(pool.enabled())
        .setKeepAliveTimeout((int) Math.max(1, pool.keepAliveTimeoutMs() / 1000))
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setAlpnVersions(List.of(HttpVersion.HTTP_1_1));
    this.http = vertx.createHttpClient(options,
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(pool.enabled() ? pool.maxConnections() : 1));
  }

  @Override
  public UpstreamTransport create(ServerConfig config, TransportType type) {
    return switch (type) {
      case STDIO -> new StdioTransport(vertx, config, hubEnvironment);
      case STREAMABLE_HTTP -> new StreamableHttpTransport(vertx, http, config);
      case SSE -> new SseClientTransport(http, config);
    };
  }

  @Override
  public ModernHttpTransport createModern(ServerConfig config) {
    return new ModernHttpTransport(vertx, http, config);
  }

  public Future<Void> close() {
    return http.close();
  }
}
