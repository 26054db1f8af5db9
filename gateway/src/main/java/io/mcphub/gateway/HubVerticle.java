package io.mcphub.gateway;

import io.mcphub.gateway.categorize.CategorizerDeployment;
import io.mcphub.gateway.cluster.ClusterNode;
import io.mcphub.gateway.categorize.PromptAnalyzer;
import io.mcphub.gateway.categorize.ToolCategoryLearner;
import io.mcphub.gateway.config.ConfigLoader;
import io.mcphub.gateway.config.ConfigWatcher;
import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.config.FilteringMode;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.HubOptions;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.exposure.ExposureStore;
import io.mcphub.gateway.health.HubHealth;
import io.mcphub.gateway.health.LogEvents;
import io.mcphub.gateway.http.EventsApi;
import io.mcphub.gateway.http.HttpLimits;
import io.mcphub.gateway.upstream.ListKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.mcphub.gateway.http.HubRouter;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.metrics.HubMetrics;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.session.SessionStore;
import io.mcphub.gateway.telemetry.HubTracer;
import io.mcphub.gateway.tools.ToolCategorizer;
import io.mcphub.gateway.upstream.Transports;
import io.mcphub.gateway.upstream.UpstreamEvents;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: listens for MCP clients and runs the upstream servers. All hub state lives on this verticle's
 * context; upstreams start in parallel once the endpoint listens, and a failing one never stops the hub. With config
 * files to watch, edits apply live: only added, removed or changed servers are started or stopped, and
 * {@code toolFiltering} (mode, threshold, provider) takes effect at once.
 */
public final class HubVerticle extends VerticleBase {

  static final long MAINTENANCE_PERIOD_MS = 15_000;
  /** The reaper looks for idle sessions this often at most (a quarter of the idle timeout when that is shorter). */
  static final long REAP_PERIOD_MS = 15_000;
  /** Environment variable that logs every exposure decision when {@code true}. */
  static final String DEBUG_TOOL_FILTERING = "DEBUG_TOOL_FILTERING";
  private static final Logger LOG = LoggerFactory.getLogger(HubVerticle.class);

  private final Function<String, String> environment;
  private final Path pluginsDir;
  private final List<Path> watchedFiles;
  private HubConfig config;
  /** This hub as a cluster node; null alone (nothing of the cluster is loaded then). */
  private ClusterNode cluster;
  private Hub hub;
  private ExposurePolicy exposure;
  private PromptAnalyzer analyzer;
  private CategorizerDeployment categorizers;
  private HubHealth health;
  private Transports transports;
  private HttpServer server;
  private HttpLimits limits;
  private ConfigWatcher watcher;
  private HubMetrics metrics;
  private EventsApi events;
  private ToolCategoryLearner learner;
  private io.mcphub.gateway.categorize.ToolCatalogPublisher catalogPublisher;
  private Future<Void> upstreamsStarted;
  private HubTracer tracer = HubTracer.NOOP;
  private io.mcphub.gateway.auth.JwtVerifier oauth;
  private java.util.function.UnaryOperator<HubOptions> listenOverride = java.util.function.UnaryOperator.identity();

  /**
   * @param pluginsDir a directory of categorizer plugin jars ({@code --plugins}); null for none
   * @param watchedFiles the config files to watch for live reload; empty for none
   */
  public HubVerticle(HubConfig config, Function<String, String> environment, Path pluginsDir, List<Path> watchedFiles) {
    this.config = config;
    this.environment = environment;
    this.pluginsDir = pluginsDir;
    this.watchedFiles = List.copyOf(watchedFiles);
  }

  @Override
  public Future<?> start() {
    HubOptions options = config.hub();
    tracer = HubTracer.create(config.tracing());
    HubTracer.register(vertx, tracer);
    transports = new Transports(vertx, config.pool(), environment);
    cluster = vertx.isClustered()
        ? ClusterNode.create(vertx, context, options.sessionIdleTimeoutMs(), options.limits().maxSessions()) : null;
    exposure = cluster == null ? new ExposurePolicy(config.filtering(), ExposureStore.inMemory())
        : new ExposurePolicy(config.filtering(), cluster.exposures(), cluster.handles());
    hub = new Hub(vertx, cluster == null ? SessionStore.inMemory(options.limits().maxSessions()) : cluster.sessions(),
        exposure, toolCategorizer(config));
    metrics = HubMetrics.of(vertx);
    hub.metrics(metrics);
    hub.instanceFactory(this::upstream);
    config.servers().values().forEach(server -> hub.addUpstream(upstream(server, hub)));
    categorizers = new CategorizerDeployment(vertx, config.filtering(), config.pool(), pluginsDir).stateDir(stateDir());
    analyzer = analyzer(config.filtering());
    boolean debugDecisions = "true".equalsIgnoreCase(environment.apply(DEBUG_TOOL_FILTERING));
    McpDispatcher dispatcher = new McpDispatcher(hub, () -> analyzer, debugDecisions, options.limits().maxBatchSize())
        .tracer(tracer);
    catalogPublisher = new io.mcphub.gateway.categorize.ToolCatalogPublisher(vertx, hub);
    health = new HubHealth(vertx, hub, categorizers);
    events = new EventsApi(vertx, this::port);
    hub.onCatalogChanged(this::publishCatalogChange);
    io.vertx.core.Context owner = context;
    LogEvents.sink(log -> owner.runOnContext(v -> events.publish("log", log)));
    vertx.setPeriodic(MAINTENANCE_PERIOD_MS, t -> heartbeat());
    vertx.setPeriodic(Math.min(REAP_PERIOD_MS, Math.max(100, options.sessionIdleTimeoutMs() / 4)),
        t -> reapIdleSessions(options.sessionIdleTimeoutMs()));
    oauth = options.oauth() == null ? null : io.mcphub.gateway.auth.JwtVerifier.create(vertx, options.oauth());
    if (oauth != null) {
      oauth.start();
    }
    limits = HttpLimits.create(vertx, options.limits());
    limits.start();
    return startCluster()
        .compose(v -> catalogPublisher.start())
        .compose(v -> categorizers.deploy())
        .compose(v -> startToolLearning())
        .compose(v -> vertx.createHttpServer(limits.serverOptions())
            .connectionHandler(limits::connected)
            .requestHandler(limits.guard(HubRouter.create(vertx, hub, dispatcher, options,
                new HubRouter.Filtering(categorizers, () -> analyzer), new HubRouter.Admin(health.checks(), metrics, events, oauth))))
            .listen(options.port(), options.host()))
        .compose(listening -> {
          server = listening;
          health.sync();
          upstreamsStarted = Future.join(hub.upstreams().stream().map(Upstream::start).toList()).mapEmpty();
          return watchConfig();
        })
        .onFailure(error -> closeAuthAndTracing());
  }

  /** A clustered hub joins the cluster's stores and reports its members in {@code /health}; alone, nothing. */
  private Future<Void> startCluster() {
    if (cluster == null) {
      return Future.succeededFuture();
    }
    health.cluster(cluster::health);
    return cluster.start(hub::closeSession);
  }

  /** Closes the OAuth verifier's key client and the tracer (after a failed start, or last in {@link #stop()}). */
  private Future<Void> closeAuthAndTracing() {
    HubTracer.register(vertx, null);
    return (oauth == null ? Future.<Void>succeededFuture() : oauth.close()).eventually(tracer::close);
  }

  /**
   * What the command line sets over the file's {@code hub} section ({@code --host}, {@code --port}): applied to every
   * reloaded config too, so a file naming another address than the command line is no change waiting for a restart.
   */
  public HubVerticle listenOverride(java.util.function.UnaryOperator<HubOptions> override) {
    this.listenOverride = override;
    return this;
  }

  /** An analyzer for {@code filtering}, offering categorizers the registry's categories of the moment. */
  private PromptAnalyzer analyzer(FilteringOptions filtering) {
    return new PromptAnalyzer(vertx, filtering, metrics, () -> hub.registry().categories().definitions(),
        filtering.mode() == FilteringMode.PROMPT_BASED ? categorizers.localHeuristic(filtering) : null);
  }

  /** The port the endpoint listens on (the real one when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  public Hub hub() {
    return hub;
  }

  /** The context that owns all hub state (tests read state on it). */
  Context hubContext() {
    return context;
  }

  /** Completes when every upstream's first connection attempt has ended (connected or not). */
  public Future<Void> upstreamsStarted() {
    return upstreamsStarted;
  }

  private Future<Void> watchConfig() {
    if (watchedFiles.isEmpty()) {
      return Future.succeededFuture();
    }
    watcher = new ConfigWatcher(vertx, watchedFiles, new ConfigLoader(vertx, environment), this::apply);
    return watcher.start();
  }

  /**
   * Applies a reloaded config: categorizers first (a provider that cannot run refuses the whole reload), then the
   * filtering and category rules, then the servers that were added, removed or changed. Sessions whose tool list
   * changed are told.
   */
  Future<Void> apply(HubConfig next) {
    Map<Session, List<String>> before = hub.listings();
    return categorizers.reconfigure(next.filtering()).compose(v -> {
      if (!listenOverride.apply(next.hub()).equals(config.hub()) || !next.pool().equals(config.pool())
          || !next.tracing().equals(config.tracing())) {
        LOG.warn("changes to the hub, connectionPool and telemetry sections apply at the next restart");
      }
      boolean filteringChanged = !next.filtering().equals(config.filtering());
      exposure.update(next.filtering());
      hub.registry().toolCategorizer(toolCategorizer(next).withLearnedFrom(hub.registry().toolCategorizer()));
      if (filteringChanged) {
        analyzer = analyzer(next.filtering());
      }
      Future<Void> servers = applyServers(next.servers());
      config = new HubConfig(config.hub(), config.pool(), next.filtering(), next.servers(), next.warnings(), config.tracing(),
          config.cluster());
      startToolLearning();
      next.warnings().forEach(warning -> LOG.warn("config: {}", warning));
      health.sync();
      hub.rebuildAndNotify(before);
      if (filteringChanged) {
        hub.filteringReconfigured();
      }
      LOG.info("config reloaded: filtering {}, provider {}, {} servers", next.filteringMode().configName(),
          next.filtering().llm().provider(), next.servers().size());
      return servers;
    });
  }

  private Future<Void> applyServers(Map<String, ServerConfig> next) {
    List<Future<Void>> changes = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> restarted = new ArrayList<>();
    for (Upstream running : List.copyOf(hub.upstreams())) {
      ServerConfig wanted = next.get(running.name());
      if (wanted == null || !wanted.equals(running.config())) {
        (wanted == null ? removed : restarted).add(running.name());
        changes.add(hub.removeUpstream(running));
        changes.add(running.stop());
      }
    }
    for (ServerConfig server : next.values()) {
      if (hub.upstream(server.name()) == null) {
        if (!restarted.contains(server.name())) {
          added.add(server.name());
        }
        Upstream upstream = upstream(server, hub);
        hub.addUpstream(upstream);
        changes.add(upstream.start());
      }
    }
    if (!added.isEmpty() || !removed.isEmpty() || !restarted.isEmpty()) {
      LOG.info("servers: added {}, removed {}, restarted {}", added, removed, restarted);
      events.subscriptionEvent("servers_updated", new JsonObject().put("changes", new JsonObject()
          .put("added", new JsonArray(added)).put("removed", new JsonArray(removed)).put("restarted", new JsonArray(restarted))));
    }
    return Future.join(changes).mapEmpty();
  }

  /** {@code tool_list_changed} and friends on /api/events, in MCP Hub's shape (names instead of full definitions). */
  private void publishCatalogChange(Upstream upstream, java.util.Set<ListKind> kinds) {
    if (upstream == null) {
      return;
    }
    if (kinds.contains(ListKind.TOOLS)) {
      events.subscriptionEvent("tool_list_changed", new JsonObject().put("server", upstream.name())
          .put("tools", names(upstream.catalog().list(ListKind.TOOLS))));
    }
    if (kinds.contains(ListKind.PROMPTS)) {
      events.subscriptionEvent("prompt_list_changed", new JsonObject().put("server", upstream.name())
          .put("prompts", names(upstream.catalog().list(ListKind.PROMPTS))));
    }
    if (kinds.contains(ListKind.RESOURCES)) {
      events.subscriptionEvent("resource_list_changed", new JsonObject().put("server", upstream.name())
          .put("resources", new JsonArray(upstream.catalog().list(ListKind.RESOURCES).stream().map(r -> r.getString("uri")).toList())));
    }
  }

  private static JsonArray names(List<JsonObject> items) {
    return new JsonArray(items.stream().map(item -> item.getString("name")).toList());
  }

  private Upstream upstream(ServerConfig server, UpstreamEvents events) {
    Upstream.RestartPolicy restart = new Upstream.RestartPolicy(config.hub().restartInitialDelayMs(),
        config.hub().restartMaxDelayMs());
    return new Upstream(vertx, server, transports, restart, events);
  }

  private static ToolCategorizer toolCategorizer(HubConfig config) {
    Map<String, String> categories = new LinkedHashMap<>();
    config.servers().values().stream().filter(server -> server.category() != null)
        .forEach(server -> categories.put(server.name(), server.category()));
    return new ToolCategorizer(config.filtering().customMappings(), categories, config.filtering().categories());
  }

  /** Background LLM tool categorization, when the config asks for it (at start, or after a reload turns it on). */
  private Future<Void> startToolLearning() {
    if (learner != null || !ToolCategoryLearner.wanted(config.filtering())) {
      return Future.succeededFuture();
    }
    learner = new ToolCategoryLearner(vertx, hub, config.filtering(), stateDir());
    hub.onToolsChanged(learner::toolsChanged);
    ToolCategoryLearner started = learner;
    return learner.start().onSuccess(v -> started.toolsChanged());
  }

  /** {@code $XDG_STATE_HOME/mcp-hub}, by default {@code ~/.local/state/mcp-hub}. */
  private Path stateDir() {
    return new io.mcphub.gateway.config.HubPaths(environment).stateDir();
  }

  @Override
  public Future<?> stop() {
    LogEvents.sink(null);
    if (watcher != null) {
      watcher.close();
    }
    LOG.info("mcp-hub stopping: {} sessions, {} upstreams", hub.sessions().size(), hub.upstreams().size());
    Future<Void> clientInstances = hub.closeClientInstances();
    List<String> ids = hub.sessions().all().stream().map(Session::id).toList();
    ids.forEach(hub::closeSession);
    if (hub.modernListeners() != null) {
      hub.modernListeners().closeAll();
    }
    List<Future<Void>> stops = new ArrayList<>(hub.upstreams().stream().map(Upstream::stop).toList());
    stops.add(clientInstances);
    Future<?> upstreams = Future.join(stops);
    if (limits != null) {
      limits.close();
    }
    return upstreams.eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(() -> catalogPublisher == null ? Future.succeededFuture() : catalogPublisher.close())
        .eventually(transports::close)
        .eventually(() -> cluster == null ? Future.succeededFuture() : cluster.stop())
        .eventually(this::closeAuthAndTracing);
  }

  private void heartbeat() {
    for (Session session : List.copyOf(hub.sessions().all())) {
      if (session.hasOpenStream()) {
        session.stream().heartbeat();
      }
    }
    if (hub.modernListeners() != null) {
      hub.modernListeners().heartbeat();
    }
  }

  /**
   * Ends sessions the client sent nothing on for {@code idleTimeoutMs}, open stream or not (the hub's keep-alives
   * and notifications are not client activity); a session with calls in flight is not idle, nor is a legacy SSE session
   * whose stream is open.
   */
  private void reapIdleSessions(long idleTimeoutMs) {
    long now = System.currentTimeMillis();
    for (Session session : List.copyOf(hub.sessions().all())) {
      // a legacy SSE session lives as long as its stream: its client cannot start a new one on a new endpoint
      boolean legacyAndConnected = session.transport() == Session.Transport.LEGACY_SSE && session.hasOpenStream();
      if (session.inFlightCount() == 0 && !legacyAndConnected && now - session.lastSeen() > idleTimeoutMs) {
        LOG.debug("session {} idle for {} ms; ended", session.handle(), now - session.lastSeen());
        hub.closeSession(session.id());
      }
    }
  }
}
