package io.mcphub.gateway.categorize;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of prompt analysis for {@code /api/filtering/stats}: analyses, provider failures by code, fallbacks to the
 * heuristic, latency percentiles over the last {@value #WINDOW} analyses, and how often each category was exposed (at
 * most {@value #MAX_CATEGORIES} names: categories derived from servers come and go with the config; later names are
 * counted together under {@value #MORE}). Updated on the hub's context.
 */
public final class FilteringStats {

  static final int WINDOW = 1_024;
  static final int MAX_CATEGORIES = 512;
  static final String MORE = "(more categories)";

  private final long[] latencies = new long[WINDOW];
  private final Map<String, Long> failuresByCode = new TreeMap<>();
  private final Map<String, Long> exposures = new TreeMap<>();
  private long analyses;
  private long fallbacks;

  void recordAnalysis(Analysis analysis) {
    latencies[(int) (analyses % WINDOW)] = analysis.latencyMs();
    analyses++;
    analysis.exposed().forEach(category -> exposures.merge(
        exposures.containsKey(category) || exposures.size() < MAX_CATEGORIES ? category : MORE, 1L, Long::sum));
  }

  void recordProviderFailure(int code) {
    failuresByCode.merge(String.valueOf(code), 1L, Long::sum);
  }

  void recordFallback() {
    fallbacks++;
  }

  public JsonObject toJson() {
    int filled = (int) Math.min(analyses, WINDOW);
    long[] window = Arrays.copyOf(latencies, filled);
    Arrays.sort(window);
    JsonObject latency = new JsonObject();
    if (filled > 0) {
      latency.put("p50", percentile(window, 50)).put("p95", percentile(window, 95)).put("p99", percentile(window, 99));
    }
    JsonObject failures = new JsonObject();
    failuresByCode.forEach(failures::put);
    JsonObject exposed = new JsonObject();
    exposures.forEach(exposed::put);
    long failed = failuresByCode.values().stream().mapToLong(Long::longValue).sum();
    return new JsonObject().put("analyses", analyses).put("providerFailures", failed).put("providerFailuresByCode", failures)
        .put("fallbacks", fallbacks).put("latencyMs", latency).put("exposuresByCategory", exposed);
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
