package io.mcphub.gateway.bench;

import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerAddresses;
import io.mcphub.categorizer.CategorizerClient;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.gateway.categorize.CategorizerDeployment;
import io.mcphub.gateway.categorize.ToolCatalogPublisher;
import io.mcphub.gateway.categorize.PromptAnalyzer;
import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.exposure.ExposureStore;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.metrics.HubMetrics;
import io.mcphub.gateway.session.SessionStore;
import io.mcphub.gateway.tools.ToolCategorizer;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamEvents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A hub built the way the verticle builds it (without its HTTP server) in front of a toolsel catalog's servers held
 * in memory ({@link CatalogTransport}), for the selection eval and benchmark.
 *
 * @param hub the hub
 * @param dispatcher its MCP dispatcher, as the HTTP layer calls it
 * @param analyzer its prompt analyzer (the configured categorizer)
 * @param transports each server's in-memory transport, by server name
 */
record CatalogHub(Hub hub, McpDispatcher dispatcher, PromptAnalyzer analyzer, Map<String, CatalogTransport> transports) {

  /** Where a tool scorer caches its vectors between runs (relative to the repository root the scripts run in). */
  static final Path STATE_DIR = Path.of("gateway", "target", "eval-state");
  private static final long SCORER_WAIT_MS = 600_000;

  /**
   * Completes once the configured tool scorer (if any) has embedded every listed tool, so that a run measures
   * selection with its scores, not the lexical fallback; prints how long the embedding took.
   */
  private static Future<Void> toolScorerReady(Vertx vertx, HubConfig config, Hub hub, long since) {
    String scorer = CategorizerDeployment.toolScorer(config.filtering());
    if (scorer == null) {
      return Future.succeededFuture();
    }
    int tools = 0;
    for (var tool : hub.registry().tools()) {
      tools++;
    }
    int expected = tools;
    return vertx.eventBus().<JsonObject>request(CategorizerAddresses.statusOf(scorer), new JsonObject())
        .map(reply -> reply.body())
        .otherwise(new JsonObject())
        .compose(status -> {
          if (status.getBoolean("ready", false) && status.getInteger("toolsTotal", -1) == expected) {
            System.err.printf("tool scorer '%s': %d tools embedded (%d from cache) in %d ms%n", scorer, expected,
                status.getInteger("toolsFromCache", 0), status.getLong("lastEmbeddingMs", 0L));
            return Future.succeededFuture();
          }
          if ((System.nanoTime() - since) / 1_000_000 > SCORER_WAIT_MS) {
            return Future.failedFuture("the tool scorer did not embed the tools in time: " + status.encode());
          }
          return vertx.timer(500).compose(t -> toolScorerReady(vertx, config, hub, since));
        });
  }

  /**
   * Sends the configured tool scorer (if any) one prompt: the embedding categorizer embeds nothing until its first
   * prompt, and a run should measure selection with its scores from the first task on.
   */
  private static Future<Void> startEmbedding(Vertx vertx, HubConfig config) {
    String scorer = CategorizerDeployment.toolScorer(config.filtering());
    if (scorer == null) {
      return Future.succeededFuture();
    }
    CategorizationRequest warmUp = new CategorizationRequest("warm up", "", List.of(new CategoryDefinition("other", "anything")), "eval");
    return new CategorizerClient(vertx, scorer, SCORER_WAIT_MS).categorize(warmUp).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Starts the hub on {@code context} and completes once every upstream is initialized and listed. */
  static Future<CatalogHub> start(Vertx vertx, Context context, HubConfig config, JsonObject catalog) {
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    catalog.getJsonArray("servers").forEach(item -> byName.put(((JsonObject) item).getString("name"), (JsonObject) item));
    Map<String, String> serverCategories = new LinkedHashMap<>();
    config.servers().values().stream().filter(s -> s.category() != null).forEach(s -> serverCategories.put(s.name(), s.category()));
    ExposurePolicy exposure = new ExposurePolicy(config.filtering(), ExposureStore.inMemory());
    Hub hub = new Hub(vertx, SessionStore.inMemory(config.hub().limits().maxSessions()), exposure,
        new ToolCategorizer(config.filtering().customMappings(), serverCategories, config.filtering().categories()));
    HubMetrics metrics = HubMetrics.of(vertx);
    hub.metrics(metrics);
    Map<String, CatalogTransport> transports = new LinkedHashMap<>();
    BiFunction<ServerConfig, UpstreamEvents, Upstream> upstreams = (server, events) -> new Upstream(vertx, server,
        (s, type) -> transports.computeIfAbsent(s.name(), name -> new CatalogTransport(context, byName.get(name))),
        new Upstream.RestartPolicy(1_000, 1_000), events);
    hub.instanceFactory(upstreams);
    config.servers().values().forEach(server -> hub.addUpstream(upstreams.apply(server, hub)));
    CategorizerDeployment categorizers = new CategorizerDeployment(vertx, config.filtering(), config.pool(), null).stateDir(STATE_DIR);
    // as HubVerticle builds it: the heuristic in process, every other categorizer over the bus
    PromptAnalyzer analyzer = new PromptAnalyzer(vertx, config.filtering(), metrics, () -> hub.registry().categories().definitions(),
        categorizers.localHeuristic(config.filtering()));
    ToolCatalogPublisher publisher = new ToolCatalogPublisher(vertx, hub);
    return publisher.start()
        .compose(v -> categorizers.deploy())
        .compose(v -> Future.join(hub.upstreams().stream().map(Upstream::start).toList()))
        .compose(v -> startEmbedding(vertx, config))
        .compose(v -> toolScorerReady(vertx, config, hub, System.nanoTime()))
        .map(v -> new CatalogHub(hub, new McpDispatcher(hub, () -> analyzer, false, config.hub().limits().maxBatchSize()), analyzer,
            transports));
  }
}
