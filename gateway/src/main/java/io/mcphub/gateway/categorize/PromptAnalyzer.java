package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerClient;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.metrics.HubMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which categories a prompt needs. The configured provider answers first; with
 * {@code fallbackToHeuristic} the heuristic decides when the provider fails, times out, or scores nothing at or
 * above the threshold. With no provider configured the heuristic is the provider.
 */
public final class PromptAnalyzer {

  public static final String HEURISTIC = "heuristic";
  /** The heuristic answers in microseconds; this only guards against a stuck event loop. */
  private static final long HEURISTIC_TIMEOUT_MS = 2_000;

  private final FilteringOptions.LlmOptions llm;
  private final List<CategoryDefinition> categories;
  private final CategorizerClient provider;
  private final CategorizerClient heuristic;
  private final FilteringStats stats = new FilteringStats();

  private final HubMetrics metrics;

  public PromptAnalyzer(Vertx vertx, FilteringOptions options, HubMetrics metrics) {
    this.metrics = metrics;
    this.llm = options.llm();
    this.categories = options.categories().stream().map(c -> new CategoryDefinition(c.name(), c.description())).toList();
    this.heuristic = new CategorizerClient(vertx, HEURISTIC, HEURISTIC_TIMEOUT_MS);
    this.provider = HEURISTIC.equals(llm.provider()) ? heuristic : new CategorizerClient(vertx, llm.provider(), llm.timeoutMs());
  }

  public String providerName() {
    return provider.name();
  }

  public FilteringStats stats() {
    return stats;
  }

  public Future<Analysis> analyze(String prompt, String context, String sessionId) {
    long start = System.nanoTime();
    CategorizationRequest request = new CategorizationRequest(prompt, context, categories, sessionId);
    if (provider == heuristic) {
      return heuristic.categorize(request).map(answer -> analysis(answer, start, null)).onSuccess(this::record);
    }
    return provider.categorize(request).transform(outcome -> {
      if (outcome.failed() && outcome.cause() instanceof CategorizerException failed) {
        stats.recordProviderFailure(failed.code());
        metrics.categorizerFailure(provider.name(), failed.code());
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
      return heuristic.categorize(request).map(answer -> analysis(answer, start, failure));
    }).onSuccess(this::record);
  }

  private void record(Analysis analysis) {
    stats.recordAnalysis(analysis);
    metrics.analysis(analysis.source(), analysis.latencyMs());
  }

  private Analysis analysis(Categorization answer, long start, String providerFailure) {
    long latency = (System.nanoTime() - start) / 1_000_000;
    return new Analysis(answer.scores(), exposed(answer), answer.categorizer(), answer.model(), llm.confidenceThreshold(),
        latency, answer.reasoning(), providerFailure);
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
