package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.CategoryScore;
import java.util.List;
import java.util.Set;

/**
 * The outcome of analysing a prompt.
 *
 * @param scores every scored category, confidence descending
 * @param exposed the categories at or above the threshold
 * @param source the categorizer that decided
 * @param providerFailure why the configured provider did not decide (null when it did, or when it is the heuristic)
 */
public record Analysis(List<CategoryScore> scores, Set<String> exposed, String source, String model, double threshold,
    long latencyMs, String reasoning, String providerFailure) {
}
