package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerClient;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.mcphub.categorizer.ToolScore;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.metrics.HubMetrics;
import io.mcphub.gateway.telemetry.HubTracer;
import io.mcphub.gateway.telemetry.TraceSpan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides which categories a prompt needs. The categorizers are asked about the deployment's categories as they are
 * now: every non-empty one, configured or derived from a server, with its description and a sample of its tools
 * ({@code CapabilityRegistry#categories()}, rebuilt whenever the tool list changes). With no upstream tool listed
 * there is nothing to ask about, and the analysis exposes nothing. The configured provider answers first; with
 * {@code fallbackToHeuristic} the heuristic decides when the provider fails, times out, or scores nothing at or
 * above the threshold. With no provider configured the heuristic is the provider. A tool scorer
 * ({@code llmCategorization.toolScorer}, e.g. {@code "embedding"}) is asked at the same time for its tool scores,
 * which join the analysis as one more piece of evidence; when it fails, times out
 * ({@code toolScorerTimeoutMs}, default {@value #DEFAULT_TOOL_SCORER_TIMEOUT_MS} ms) or has no tools embedded yet,
 * the analysis goes on without them. A provider failure, and the first answer after failures, make
 * {@link CategorizerHealth} read the provider's status (one WARN line when its health changed).
 */
public final class PromptAnalyzer {

  public static final String HEURISTIC = "heuristic";
  /** The heuristic answers in microseconds; this only guards against a stuck event loop. */
  private static final long HEURISTIC_TIMEOUT_MS = 2_000;
  /** An in-process tool scorer answers in milliseconds; past this the lexical selection answers alone. */
  public static final long DEFAULT_TOOL_SCORER_TIMEOUT_MS = 250;
  /** The span of one analysis, child of the request's; its children are the categorizer calls (event-bus requests). */
  static final String ANALYSIS_SPAN = "hub.analyze_prompt";
  static final String CATEGORIZER_SPAN = "categorize";

  private final FilteringOptions.LlmOptions llm;
  private final Supplier<List<CategoryDefinition>> categories;
  private final CategorizerCall provider;
  private final CategorizerCall heuristic;
  /** Null when no tool scorer is configured, or when the provider is the tool scorer. */
  private final CategorizerCall toolScorer;
  private final FilteringStats stats = new FilteringStats();

  private final HubMetrics metrics;
  private final CategorizerHealth health;
  private final HubTracer tracer;

  /**
   * An analyzer that asks every categorizer, the heuristic included, over the event bus.
   *
   * @param categories the deployment's non-empty categories at the time of each analysis (within the request budget)
   */
  public PromptAnalyzer(Vertx vertx, FilteringOptions options, HubMetrics metrics, Supplier<List<CategoryDefinition>> categories) {
    this(vertx, options, metrics, categories, null);
  }

  /**
   * @param categories the deployment's non-empty categories at the time of each analysis (within the request budget)
   * @param localHeuristic an instance of the heuristic of this analyzer's own, called in process on the caller's
   *     thread ({@link CategorizerDeployment#localHeuristic}); null to ask the heuristic's verticle over the bus
   */
  public PromptAnalyzer(Vertx vertx, FilteringOptions options, HubMetrics metrics, Supplier<List<CategoryDefinition>> categories,
      Categorizer localHeuristic) {
    this.metrics = metrics;
    this.health = CategorizerHealth.of(vertx);
    this.tracer = HubTracer.of(vertx);
    this.llm = options.llm();
    this.categories = categories;
    this.heuristic = localHeuristic != null ? CategorizerCall.inProcess(HEURISTIC, localHeuristic)
        : CategorizerCall.bus(new CategorizerClient(vertx, HEURISTIC, HEURISTIC_TIMEOUT_MS));
    this.provider = HEURISTIC.equals(llm.provider()) ? heuristic
        : CategorizerCall.bus(new CategorizerClient(vertx, llm.provider(), llm.timeoutMs()));
    String scorer = CategorizerDeployment.toolScorer(options);
    this.toolScorer = scorer == null || scorer.equals(llm.provider()) ? null : CategorizerCall.bus(new CategorizerClient(vertx, scorer,
        llm.config().getLong("toolScorerTimeoutMs", DEFAULT_TOOL_SCORER_TIMEOUT_MS)));
  }

  public String providerName() {
    return provider.name();
  }

  public FilteringStats stats() {
    return stats;
  }

  public Future<Analysis> analyze(String prompt, String context, String sessionId) {
    if (!tracer.enabled()) {
      return analyze(prompt, context, sessionId, TraceSpan.NONE);
    }
    TraceSpan span = tracer.startInternal(ANALYSIS_SPAN);
    return span.endWith(analyze(prompt, context, sessionId, span).onSuccess(analysis -> span
        .attribute("mcp_hub.analysis.source", analysis.source())
        .attribute("mcp_hub.analysis.categories", String.join(",", analysis.exposed()))
        .attribute("mcp_hub.analysis.fallback", String.valueOf(analysis.providerFailure() != null))));
  }

  /** Names and outcomes only go to the span: never the prompt, the context or the model's reasoning. */
  private Future<Analysis> analyze(String prompt, String context, String sessionId, TraceSpan span) {
    long start = System.nanoTime();
    List<CategoryDefinition> offered = categories.get();
    if (offered.isEmpty()) {
      return Future.succeededFuture(new Analysis(List.of(), Set.of(), provider.name(), "", llm.confidenceThreshold(), 0,
          "no upstream tool is listed, so there is no category to ask about", null, null)).onSuccess(this::record);
    }
    CategorizationRequest request = new CategorizationRequest(prompt, context, offered, sessionId);
    if (toolScorer == null) {
      return categorize(request, start, span);
    }
    Future<List<ToolScore>> tools = ask(toolScorer, request, span).map(Categorization::tools)
        .otherwise(error -> List.<ToolScore>of());
    return categorize(request, start, span).compose(analysis -> tools.map(analysis::withToolScores));
  }

  /** One categorizer call, in a span of its own under the analysis's. */
  private static Future<Categorization> ask(CategorizerCall categorizer, CategorizationRequest request, TraceSpan span) {
    return span.child(CATEGORIZER_SPAN, categorizer.name()).attribute("mcp_hub.categorizer.name", categorizer.name())
        .endWith(categorizer.categorize(request));
  }

  private Future<Analysis> categorize(CategorizationRequest request, long start, TraceSpan span) {
    if (provider == heuristic) {
      return ask(heuristic, request, span).map(answer -> analysis(answer, start, null)).onSuccess(this::record);
    }
    return ask(provider, request, span).transform(outcome -> {
      if (outcome.failed() && outcome.cause() instanceof CategorizerException failed) {
        stats.recordProviderFailure(failed.code());
        metrics.categorizerFailure(provider.name(), failed.code());
      }
      if (outcome.failed() || health.failing(provider.name())) {
        health.refresh(provider.name());
      }
      if (outcome.succeeded() && !exposed(outcome.result()).isEmpty()) {
        return Future.succeededFuture(analysis(outcome.result(), start, null));
      }
      String failure = outcome.succeeded() ? "no category reached the threshold" : outcome.cause().getMessage();
      if (!llm.fallbackToHeuristic()) {
        return outcome.succeeded() ? Future.succeededFuture(analysis(outcome.result(), start, null))
            : Future.failedFuture(outcome.cause());
      }
      stats.recordFallback();
      metrics.fallback();
      return ask(heuristic, request, span).map(answer -> analysis(answer, start, failure));
    }).onSuccess(this::record);
  }

  private void record(Analysis analysis) {
    stats.recordAnalysis(analysis);
    metrics.analysis(analysis.source(), analysis.latencyMs());
  }

  private Analysis analysis(Categorization answer, long start, String providerFailure) {
    long latency = (System.nanoTime() - start) / 1_000_000;
    return new Analysis(answer.scores(), exposed(answer), answer.categorizer(), answer.model(), llm.confidenceThreshold(),
        latency, answer.reasoning(), providerFailure, answer.toolNeed(), answer.tools());
  }

  private Set<String> exposed(Categorization answer) {
    Set<String> exposed = new LinkedHashSet<>();
    for (CategoryScore score : answer.scores()) {
      if (score.confidence() >= llm.confidenceThreshold() && !"other".equals(score.category())) {
        exposed.add(score.category());
      }
    }
    return exposed;
  }
}
