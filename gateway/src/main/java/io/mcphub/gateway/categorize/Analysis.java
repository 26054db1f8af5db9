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
 * @param toolNeed the categorizer's confidence that the request needs any tool at all; null when it did not say
 * @param toolScores the tool scorer's confidences for its best tools, best first; empty when there is no tool scorer,
 *     it failed or timed out, or it has not embedded the tools yet
 */
public record Analysis(List<CategoryScore> scores, Set<String> exposed, String source, String model, double threshold,
    long latencyMs, String reasoning, String providerFailure, Double toolNeed, List<io.mcphub.categorizer.ToolScore> toolScores) {

  public Analysis {
    toolScores = toolScores == null ? List.of() : List.copyOf(toolScores);
  }

  /** An analysis without tool scores. */
  public Analysis(List<CategoryScore> scores, Set<String> exposed, String source, String model, double threshold,
      long latencyMs, String reasoning, String providerFailure, Double toolNeed) {
    this(scores, exposed, source, model, threshold, latencyMs, reasoning, providerFailure, toolNeed, List.of());
  }

  /** This analysis with the tool scorer's answer. */
  public Analysis withToolScores(List<io.mcphub.categorizer.ToolScore> tools) {
    return new Analysis(scores, exposed, source, model, threshold, latencyMs, reasoning, providerFailure, toolNeed, tools);
  }

  /**
   * How confident the analysis is that the request needs a tool at all: the categorizer's {@code toolNeed} when it
   * said, else its most confident category's confidence (a categorizer sure of no category is not sure of a tool).
   */
  public double need() {
    if (toolNeed != null) {
      return toolNeed;
    }
    return scores.stream().filter(score -> !io.mcphub.gateway.config.Taxonomy.OTHER.equals(score.category()))
        .mapToDouble(CategoryScore::confidence).max().orElse(0);
  }

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
        reasoning + "; tools named in the prompt: " + named, providerFailure, toolNeed, toolScores);
  }
}
