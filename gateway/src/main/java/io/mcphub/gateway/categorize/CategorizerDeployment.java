package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerAddresses;
import io.mcphub.categorizer.CategorizerFactory;
import io.mcphub.categorizer.CategorizerVerticle;
import io.mcphub.gateway.config.ConfigException;
import io.mcphub.gateway.config.FilteringMode;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.PoolOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the categorizers prompt-based filtering needs — the heuristic (the fallback, and the provider when none
 * is configured), the configured provider, and the tool scorer when {@code llmCategorization.toolScorer} names one
 * (the in-process {@code embedding} categorizer) — each as its own verticle. The tool scorer gets the hub's state
 * directory as {@code stateDir}, where it caches tool vectors. A categorizer that fails to deploy is
 * reported in {@code /health} and never stops the hub; a provider that is not installed stops the start only when
 * the heuristic may not take over.
 */
public final class CategorizerDeployment {

  private static final Logger LOG = LoggerFactory.getLogger(CategorizerDeployment.class);

  /** How long {@code /health} waits for a categorizer's status. */
  static final long STATUS_TIMEOUT_MS = 500;
  /** The {@code llmCategorization} key that names the tool scorer. */
  public static final String TOOL_SCORER = "toolScorer";
  /** The {@code llmCategorization} key whose object configures the tool scorer (e.g. {@code {"model": "..."}}). */
  public static final String TOOL_SCORER_CONFIG = "toolScorerConfig";

  private final Vertx vertx;
  private final PoolOptions pool;
  private final Path pluginsDir;
  private Path stateDir;
  private final Map<String, String> deployments = new HashMap<>();
  private final Map<String, JsonObject> deployedConfigs = new HashMap<>();
  private final Map<String, CategorizerStatus> statuses = new LinkedHashMap<>();
  private FilteringOptions options;
  private Map<String, CategorizerFactory> factories;

  /**
   * @param pool the hub's {@code connectionPool}, handed to the provider as {@code connectionPool}
   */
  public CategorizerDeployment(Vertx vertx, FilteringOptions options, PoolOptions pool, Path pluginsDir) {
    this.vertx = vertx;
    this.options = options;
    this.pool = pool;
    this.pluginsDir = pluginsDir;
  }

  /** Where the tool scorer may keep state (its cache of tool vectors); none unless set. */
  public CategorizerDeployment stateDir(Path dir) {
    this.stateDir = dir;
    return this;
  }

  /**
   * The categorizer asked for tool scores beside the provider ({@code llmCategorization.toolScorer}), or null for
   * none: then the lexical tool index alone ranks tools.
   */
  public static String toolScorer(FilteringOptions options) {
    return options.llm().config().getValue(TOOL_SCORER) instanceof String name && !name.isBlank() ? name : null;
  }

  /** Deploys what the filtering mode needs; fails only for a config that cannot run (duplicates, missing provider). */
  public Future<Void> deploy() {
    return reconfigure(options);
  }

  /**
   * Brings the deployed categorizers in line with {@code next}: deploys the provider it names (and the heuristic),
   * redeploys a provider whose settings changed, undeploys one no longer named. Fails, changing nothing, when
   * {@code next} names a provider that is not installed and the heuristic may not take over.
   */
  public Future<Void> reconfigure(FilteringOptions next) {
    if (next.mode() != FilteringMode.PROMPT_BASED) {
      options = next;
      return Future.succeededFuture();
    }
    try {
      factories();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    String provider = next.llm().provider();
    boolean installed = factories.containsKey(provider);
    // on a cluster another node may run it: requests to its address reach any node's categorizer
    if (!installed && !next.llm().fallbackToHeuristic() && !vertx.isClustered()) {
      return Future.failedFuture(new ConfigException(notInstalled(provider)));
    }
    options = next;
    Set<String> needed = new LinkedHashSet<>(List.of(PromptAnalyzer.HEURISTIC, provider));
    String scorer = toolScorer(next);
    if (scorer != null) {
      needed.add(scorer);
      if (!factories.containsKey(scorer)) {
        LOG.warn("toolFiltering.llmCategorization.toolScorer: no categorizer named \"{}\" is installed; the tool index ranks tools alone", scorer);
        statuses.put(scorer, new CategorizerStatus(scorer, false, "not installed"));
      }
    }
    Future<Void> all = Future.succeededFuture();
    for (String name : List.copyOf(deployments.keySet())) {
      if (!needed.contains(name) || !configFor(name).equals(deployedConfigs.get(name))) {
        all = all.compose(v -> undeploy(name));
      }
    }
    statuses.keySet().removeIf(name -> !needed.contains(name));
    if (!installed) {
      LOG.warn(vertx.isClustered() ? "{}; requests go to the cluster's nodes that run it"
          : "{}; the heuristic categorizer answers instead", notInstalled(provider));
      statuses.put(provider, new CategorizerStatus(provider, false, vertx.isClustered() ? "not installed on this node"
          : "not installed"));
    }
    for (String name : needed) {
      CategorizerFactory factory = factories.get(name);
      if (factory != null) {
        all = all.compose(v -> deployments.containsKey(name) ? Future.succeededFuture() : deployOne(factory));
      }
    }
    return all;
  }

  private String notInstalled(String provider) {
    return "toolFiltering.llmCategorization.provider: no categorizer named \"" + provider + "\" is installed; installed: "
        + String.join(", ", factories.keySet());
  }

  private Future<Void> undeploy(String name) {
    String id = deployments.remove(name);
    deployedConfigs.remove(name);
    statuses.remove(name);
    CategorizerHealth.of(vertx).forget(name);
    return id == null ? Future.succeededFuture() : vertx.undeploy(id).otherwiseEmpty();
  }

  private JsonObject configFor(String name) {
    if (PromptAnalyzer.HEURISTIC.equals(name)) {
      return heuristicConfig();
    }
    JsonObject config = name.equals(options.llm().provider()) ? providerConfig()
        : options.llm().config().getJsonObject(TOOL_SCORER_CONFIG, new JsonObject()).copy();
    return name.equals(toolScorer(options)) && stateDir != null ? config.put("stateDir", stateDir.toString()) : config;
  }

  private Future<Void> deployOne(CategorizerFactory factory) {
    JsonObject config = configFor(factory.name());
    return vertx.deployVerticle(CategorizerVerticle.of(factory, config)).transform(result -> {
      deployedConfigs.put(factory.name(), config);
      if (result.succeeded()) {
        deployments.put(factory.name(), result.result());
        statuses.put(factory.name(), new CategorizerStatus(factory.name(), true, null));
        LOG.info("categorizer '{}' running", factory.name());
      } else {
        deployments.put(factory.name(), null);
        String reason = result.cause().getMessage() == null ? result.cause().getClass().getSimpleName() : result.cause().getMessage();
        statuses.put(factory.name(), new CategorizerStatus(factory.name(), false, reason));
        LOG.warn("categorizer '{}' failed to start: {}", factory.name(), reason);
      }
      return Future.<Void>succeededFuture();
    });
  }

  private JsonObject providerConfig() {
    return options.llm().config().copy().put("connectionPool", new JsonObject().put("enabled", pool.enabled())
        .put("keepAliveTimeout", pool.keepAliveTimeoutMs()).put("maxConnections", pool.maxConnections()));
  }

  /**
   * A categorizer's health: its own status (circuit state, last error, {@code health}) when it runs. A categorizer
   * that does not run, or reports itself {@code failing} or {@code circuit_open}, is {@code degraded}: still
   * {@code up} while the heuristic takes over for it, down when it is the heuristic or a provider without fallback.
   */
  public Future<JsonObject> health(CategorizerStatus categorizer) {
    boolean essential = PromptAnalyzer.HEURISTIC.equals(categorizer.name())
        || categorizer.name().equals(options.llm().provider()) && !options.llm().fallbackToHeuristic();
    if (!categorizer.running()) {
      return Future.succeededFuture(new JsonObject().put("state", "failed").put("lastError", categorizer.error())
          .put("up", !essential).put("degraded", true).put("answeredBy", essential ? null : PromptAnalyzer.HEURISTIC));
    }
    return vertx.eventBus().<JsonObject>request(CategorizerAddresses.statusOf(categorizer.name()), new JsonObject(),
            new DeliveryOptions().setSendTimeout(STATUS_TIMEOUT_MS))
        .map(reply -> {
          CategorizerHealth.of(vertx).observe(categorizer.name(), reply.body());
          boolean degraded = reply.body().getValue("health") instanceof String health && !CategorizerHealth.HEALTHY.equals(health);
          JsonObject data = reply.body().copy().put("state", "running").put("up", !(degraded && essential)).put("degraded", degraded);
          return degraded && !essential ? data.put("answeredBy", PromptAnalyzer.HEURISTIC) : data;
        })
        .otherwise(error -> new JsonObject().put("state", "running").put("up", true).put("status", "unavailable"));
  }

  /** The installed categorizer factories, discovered once; throws {@link ConfigException} for duplicate names. */
  private Map<String, CategorizerFactory> factories() {
    if (factories == null) {
      factories = CategorizerPlugins.discover(pluginsDir);
    }
    return factories;
  }

  private JsonObject heuristicConfig() {
    return heuristicConfig(options);
  }

  private static JsonObject heuristicConfig(FilteringOptions filtering) {
    JsonArray categories = new JsonArray();
    filtering.categories().forEach(category -> categories.add(category.toJson()));
    return new JsonObject().put("categories", categories);
  }

  /**
   * An instance of the built-in heuristic of the caller's own, configured like its verticle for {@code filtering},
   * for the prompt analyzer to call in process ({@link PromptAnalyzer}); null when the heuristic is not installed or
   * cannot be created (the analyzer then asks its verticle over the bus). The verticle stays deployed: it serves the
   * event bus, its status and other nodes.
   */
  public Categorizer localHeuristic(FilteringOptions filtering) {
    try {
      CategorizerFactory factory = factories().get(PromptAnalyzer.HEURISTIC);
      return factory == null ? null : factory.create(vertx, heuristicConfig(filtering));
    } catch (RuntimeException e) {
      LOG.warn("the heuristic categorizer cannot run in process ({}); it is asked over the event bus", e.getMessage());
      return null;
    }
  }

  public List<CategorizerStatus> statuses() {
    return List.copyOf(statuses.values());
  }
}
