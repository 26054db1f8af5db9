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

  /**
   * Adds the categories of tools the prompt named: each scores at least {@link ToolMentions#CONFIDENCE} and is
   * exposed; the reasoning says which tools were named.
   */
  public Analysis withMentionedTools(java.util.Map<String, Set<String>> mentioned) {
    if (mentioned.isEmpty()) {
      return this;
    }
    java.util.Map<String, Double> merged = new java.util.LinkedHashMap<>();
    scores.forEach(score -> merged.put(score.category(), score.confidence()));
    mentioned.keySet().forEach(category -> merged.merge(category, ToolMentions.CONFIDENCE, Math::max));
    List<CategoryScore> rescored = new java.util.ArrayList<>();
    merged.forEach((category, confidence) -> rescored.add(new CategoryScore(category, confidence)));
    rescored.sort(java.util.Comparator.comparingDouble(CategoryScore::confidence).reversed());
    Set<String> allExposed = new java.util.LinkedHashSet<>(exposed);
    allExposed.addAll(mentioned.keySet());
    String named = mentioned.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.joining(", "));
    return new Analysis(rescored, allExposed, source, model, threshold, latencyMs,
        reasoning + "; tools named in the prompt: " + named, providerFailure);
  }
}
