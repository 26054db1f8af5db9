package io.mcphub.gateway;

import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.config.HubOptions;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.categorize.CategorizerDeployment;
import io.mcphub.gateway.categorize.PromptAnalyzer;
import io.mcphub.gateway.categorize.ToolCategoryLearner;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.exposure.ExposureStore;
import io.mcphub.gateway.tools.ToolCategorizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /** Environment variable that logs every exposure decision when {@code true}. */
  static final String DEBUG_TOOL_FILTERING = "DEBUG_TOOL_FILTERING";

  private final HubConfig config;
  private final Function<String, String> environment;
  private final Path pluginsDir;
  private CategorizerDeployment categorizers;
  private Hub hub;
  private Transports transports;
  private HttpServer server;
  private Future<Void> upstreamsStarted;

  /**
   * @param pluginsDir a directory of categorizer plugin jars ({@code --plugins}); null for none
   */
  public HubVerticle(HubConfig config, Function<String, String> environment, Path pluginsDir) {
    this.config = config;
    this.environment = environment;
    this.pluginsDir = pluginsDir;
  }

  @Override
  public Future<?> start() {
    HubOptions options = config.hub();
    transports = new Transports(vertx, config.pool(), environment);
    ExposurePolicy exposure = new ExposurePolicy(config.filtering(), ExposureStore.inMemory());
    hub = new Hub(vertx, SessionStore.inMemory(), exposure,
        new ToolCategorizer(config.filtering().customMappings(), serverCategories()));
    Upstream.RestartPolicy restart = new Upstream.RestartPolicy(options.restartInitialDelayMs(), options.restartMaxDelayMs());
    for (ServerConfig server : config.servers().values()) {
      hub.addUpstream(new Upstream(vertx, server, transports, restart, hub));
    }
    boolean debugDecisions = "true".equalsIgnoreCase(environment.apply(DEBUG_TOOL_FILTERING));
    PromptAnalyzer analyzer = new PromptAnalyzer(vertx, config.filtering());
    McpDispatcher dispatcher = new McpDispatcher(hub, analyzer, debugDecisions);
    categorizers = new CategorizerDeployment(vertx, config.filtering(), config.pool(), pluginsDir);
    vertx.setPeriodic(MAINTENANCE_PERIOD_MS, t -> maintainSessions(options.sessionIdleTimeoutMs()));
    return categorizers.deploy()
        .compose(v -> startToolLearning())
        .compose(v -> vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
            .requestHandler(HubRouter.create(vertx, hub, dispatcher, options, new HubRouter.Filtering(categorizers, analyzer)))
            .listen(options.port(), options.host()))
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

  /** Background LLM tool categorization, when the config asks for it. */
  private Future<Void> startToolLearning() {
    if (!ToolCategoryLearner.wanted(config.filtering())) {
      return Future.succeededFuture();
    }
    ToolCategoryLearner learner = new ToolCategoryLearner(vertx, hub, config.filtering(), stateDir());
    hub.onToolsChanged(learner::toolsChanged);
    return learner.start();
  }

  /** {@code $XDG_STATE_HOME/mcp-hub}, by default {@code ~/.local/state/mcp-hub}. */
  private Path stateDir() {
    String xdg = environment.apply("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("mcp-hub");
  }

  private Map<String, String> serverCategories() {
    Map<String, String> categories = new LinkedHashMap<>();
    config.servers().values().stream().filter(server -> server.category() != null)
        .forEach(server -> categories.put(server.name(), server.category()));
    return categories;
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
