package io.mcphub.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The hub's Prometheus metrics, served at {@code /metrics}: Vert.x's HTTP server and client metrics plus the
 * hub's own — prompt analyses by source (latency histogram), exposure updates, categorizer failures (by code, and
 * by class) and fallbacks, categorizer health and circuit state, upstream calls, errors and latency by server, active
 * sessions.
 *
 * <p>Tags only take known values, so no client can add series: an HTTP method other than the standard ones is
 * {@value #OTHER}, a JSON-RPC method the hub does not handle is {@value #OTHER}, and HTTP path tags (off by default; a
 * request's path is whatever the client sends) are {@value #UNKNOWN}. Route tags name the router's own routes.
 */
public final class HubMetrics {

  /** The tag value of every method (HTTP or JSON-RPC) outside the known ones. */
  public static final String OTHER = "OTHER";
  /** The tag value of every HTTP path. */
  public static final String UNKNOWN = "unknown";

  /** The environment variable that turns Vert.x's HTTP server metrics off when it is {@value #OFF}. */
  public static final String HTTP_METRICS_ENV = "MCP_HUB_HTTP_METRICS";
  private static final String OFF = "off";

  private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES = new ConcurrentHashMap<>();
  private static final Set<String> HTTP_METHODS = Set.copyOf(HttpMethod.values().stream().map(HttpMethod::name).toList());
  private static final Set<String> MCP_METHODS = Set.of(McpMethods.INITIALIZE, McpMethods.PING, McpMethods.TOOLS_LIST,
      McpMethods.TOOLS_CALL, McpMethods.PROMPTS_LIST, McpMethods.PROMPTS_GET, McpMethods.RESOURCES_LIST,
      McpMethods.RESOURCES_TEMPLATES_LIST, McpMethods.RESOURCES_READ, McpMethods.RESOURCES_SUBSCRIBE,
      McpMethods.RESOURCES_UNSUBSCRIBE, McpMethods.COMPLETION_COMPLETE, McpMethods.LOGGING_SET_LEVEL,
      McpMethods.SAMPLING_CREATE_MESSAGE, McpMethods.ELICITATION_CREATE, McpMethods.ROOTS_LIST);

  private final PrometheusMeterRegistry registry;
  /** Meters built once per tag combination: building one per call allocates on the hot path. */
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<UpstreamCallKey, Timer> upstreamTimers = new ConcurrentHashMap<>();

  private HubMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * A Vert.x instance whose own metrics report into a fresh Prometheus registry. {@value #HTTP_METRICS_ENV}{@code =off}
   * in {@code environment} leaves out Vert.x's HTTP server metrics ({@code vertx_http_server_*}): they build tags and
   * look up four meters on every request, a measurable share of a forwarded call's CPU (docs/performance.md).
   */
  public static Vertx newVertx(VertxOptions options, Function<String, String> environment) {
    PrometheusMeterRegistry registry = newRegistry();
    Vertx vertx = builder(options, registry, environment).build();
    REGISTRIES.put(vertx, registry);
    return vertx;
  }

  private static io.vertx.core.VertxBuilder builder(VertxOptions options, PrometheusMeterRegistry registry,
      Function<String, String> environment) {
    return Vertx.builder().with(options.setMetricsOptions(metricsOptions(environment))).withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** A clustered Vert.x on {@code manager} whose own metrics report into a fresh Prometheus registry, as above. */
  public static io.vertx.core.Future<Vertx> newClusteredVertx(VertxOptions options,
      io.vertx.core.spi.cluster.ClusterManager manager, Function<String, String> environment) {
    PrometheusMeterRegistry registry = newRegistry();
    return builder(options, registry, environment).withClusterManager(manager).buildClustered()
        .onSuccess(vertx -> REGISTRIES.put(vertx, registry));
  }

  private static MicrometerMetricsOptions metricsOptions(Function<String, String> environment) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true)
        .setRegistryName(UUID.randomUUID().toString()).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    if (OFF.equals(environment.apply(HTTP_METRICS_ENV))) {
      metrics.addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
    }
    return metrics;
  }

  /** The metrics of {@code vertx}: its registry when made by {@link #newVertx}, else a registry of the hub's own. */
  public static HubMetrics of(Vertx vertx) {
    PrometheusMeterRegistry registry = REGISTRIES.computeIfAbsent(vertx, v -> newRegistry());
    return new HubMetrics(registry);
  }

  private static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(KNOWN_HTTP_TAGS);
    return registry;
  }

  /** Vert.x's HTTP meters: method tags from the standard methods only, no path values. */
  private static final MeterFilter KNOWN_HTTP_TAGS = new MeterFilter() {
    @Override
    public Meter.Id map(Meter.Id id) {
      if (!id.getName().startsWith("vertx")) {
        return id;
      }
      List<Tag> tags = id.getTags().stream().map(HubMetrics::knownHttpTag).toList();
      return tags.equals(id.getTags()) ? id : id.replaceTags(tags);
    }
  };

  private static Tag knownHttpTag(Tag tag) {
    return switch (tag.getKey()) {
      case "method" -> HTTP_METHODS.contains(tag.getValue()) ? tag : Tag.of(tag.getKey(), OTHER);
      case "path" -> Tag.of(tag.getKey(), UNKNOWN);
      default -> tag;
    };
  }

  /** {@code method} itself when the hub handles or relays it, else {@value #OTHER}. */
  static String knownMcpMethod(String method) {
    return MCP_METHODS.contains(method) ? method : OTHER;
  }

  /** Forgets the registry of a closed Vert.x instance. */
  public static void release(Vertx vertx) {
    REGISTRIES.remove(vertx);
  }

  public Handler<RoutingContext> scrapeHandler() {
    return PrometheusScrapingHandler.create(registry);
  }

  public void sessionsGauge(Supplier<Number> activeSessions) {
    Gauge.builder("mcp_hub_sessions_active", activeSessions).description("Client sessions open now").register(registry);
  }

  public void analysis(String source, long latencyMs) {
    timers.computeIfAbsent("analyze|" + source, k -> Timer.builder("mcp_hub_analyze")
            .description("hub__analyze_prompt analyses, by the categorizer that decided")
            .tag("source", source).publishPercentileHistogram().register(registry))
        .record(Duration.ofMillis(latencyMs));
  }

  public void exposureUpdated() {
    Counter.builder("mcp_hub_exposure_updates").description("Changes to a session's exposed tools").register(registry).increment();
  }

  public void categorizerFailure(String categorizer, int code) {
    Counter.builder("mcp_hub_categorizer_failures").description("Categorizer failures, by failure code")
        .tags("categorizer", categorizer, "code", String.valueOf(code)).register(registry).increment();
  }

  /** Failures of a categorizer's provider by class ({@code auth}, {@code quota}, ...; a closed set, see CategorizerHealth). */
  public void categorizerFailures(String categorizer, String failureClass, long count) {
    Counter.builder("mcp_hub_categorizer_provider_failures")
        .description("Failures of a categorizer's provider, by class (auth, quota, timeout, circuit_open, ...)")
        .tags("categorizer", categorizer, "reason", failureClass).register(registry).increment(count);
  }

  /**
   * A categorizer's health (0 healthy, 1 failing, 2 circuit open) and circuit state (0 closed, 1 half-open, 2 open),
   * registered once per categorizer name.
   */
  public void categorizerHealthGauges(String categorizer, Supplier<Number> health, Supplier<Number> circuit) {
    Gauge.builder("mcp_hub_categorizer_health", health).description("Categorizer health: 0 healthy, 1 failing, 2 circuit open")
        .tag("categorizer", categorizer).strongReference(true).register(registry);
    Gauge.builder("mcp_hub_categorizer_circuit_state", circuit)
        .description("Categorizer circuit breaker: 0 closed, 1 half-open, 2 open")
        .tag("categorizer", categorizer).strongReference(true).register(registry);
  }

  public void fallback() {
    Counter.builder("mcp_hub_categorizer_fallbacks").description("Analyses the heuristic decided after the provider did not")
        .register(registry).increment();
  }

  public void upstreamCall(String server, String requestMethod, long nanos, boolean failed) {
    upstreamTimers.computeIfAbsent(new UpstreamCallKey(server, knownMcpMethod(requestMethod), failed), key -> Timer
            .builder("mcp_hub_upstream_calls").description("Requests forwarded to upstream servers")
            .tags("server", key.server(), "method", key.method(), "outcome", key.failed() ? "error" : "ok").register(registry))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The tags of an upstream call's timer, as a key that costs no string building per call. */
  private record UpstreamCallKey(String server, String method, boolean failed) {
  }
}
