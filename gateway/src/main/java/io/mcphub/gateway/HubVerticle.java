package io.mcphub.gateway;

import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.config.HubOptions;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.exposure.ToolExposure;
import io.mcphub.gateway.http.HubRouter;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.session.SessionStore;
import io.mcphub.gateway.upstream.Transports;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: listens for MCP clients and runs the upstream servers. All hub state lives on this
 * verticle's context; upstreams start in parallel once the endpoint listens, and a failing one never
 * stops the hub.
 */
public final class HubVerticle extends VerticleBase {

  static final long MAINTENANCE_PERIOD_MS = 15_000;
  private static final Logger LOG = LoggerFactory.getLogger(HubVerticle.class);

  private final HubConfig config;
  private final Function<String, String> environment;
  private Hub hub;
  private Transports transports;
  private HttpServer server;
  private Future<Void> upstreamsStarted;

  public HubVerticle(HubConfig config, Function<String, String> environment) {
    this.config = config;
    this.environment = environment;
  }

  @Override
  public Future<?> start() {
    HubOptions options = config.hub();
    transports = new Transports(vertx, config.pool(), environment);
    hub = new Hub(vertx, SessionStore.inMemory());
    Upstream.RestartPolicy restart = new Upstream.RestartPolicy(options.restartInitialDelayMs(), options.restartMaxDelayMs());
    for (ServerConfig server : config.servers().values()) {
      hub.addUpstream(new Upstream(vertx, server, transports, restart, hub));
    }
    McpDispatcher dispatcher = new McpDispatcher(hub, ToolExposure.all());
    vertx.setPeriodic(MAINTENANCE_PERIOD_MS, t -> maintainSessions(options.sessionIdleTimeoutMs()));
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(HubRouter.create(vertx, hub, dispatcher, options))
        .listen(options.port(), options.host())
        .onSuccess(listening -> {
          server = listening;
          upstreamsStarted = Future.join(hub.upstreams().stream().map(Upstream::start).toList()).mapEmpty();
        });
  }

  /** The port the endpoint listens on (the real one when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  public Hub hub() {
    return hub;
  }

  /** The context that owns all hub state (tests read state on it). */
  io.vertx.core.Context hubContext() {
    return context;
  }

  /** Completes when every upstream's first connection attempt has ended (connected or not). */
  public Future<Void> upstreamsStarted() {
    return upstreamsStarted;
  }

  @Override
  public Future<?> stop() {
    LOG.info("mcp-hub stopping: {} sessions, {} upstreams", hub.sessions().size(), hub.upstreams().size());
    List<String> ids = hub.sessions().all().stream().map(Session::id).toList();
    ids.forEach(hub::closeSession);
    Future<?> upstreams = Future.join(hub.upstreams().stream().map(Upstream::stop).toList());
    return upstreams.eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(transports::close);
  }

  private void maintainSessions(long idleTimeoutMs) {
    long now = System.currentTimeMillis();
    for (Session session : List.copyOf(hub.sessions().all())) {
      if (session.hasOpenStream()) {
        session.stream().heartbeat();
      } else if (session.inFlightCount() == 0 && now - session.lastSeen() > idleTimeoutMs) {
        LOG.debug("session {} idle for {} ms; ended", session.id(), now - session.lastSeen());
        hub.closeSession(session.id());
      }
    }
  }
}
