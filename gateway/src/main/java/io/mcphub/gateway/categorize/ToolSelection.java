package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.CategoryScore;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.tools.ToolMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tools one analysis exposes: each tool gets a confidence that combines what the categorizer said of its category
 * with how well the tool itself matches the request (the tool index), and is exposed when that confidence reaches the
 * threshold; at most {@code maxTools}, most confident first. A tool the request names outright gets at least
 * {@link ToolMentions#CONFIDENCE}. How the two combine is in {@code docs/tool-selection.md}:
 * <pre>
 *   category part  = c × (½ + ½ × s / s_best_in_category)
 *                    (c when the category has at most maxTools tools, or none of its tools matched the request)
 *   lexical part   = the index's confidence for the tool: s / (s + h), halved when one word alone matched
 *   confidence     = 1 − (1 − category part) × (1 − lexical part)
 * </pre>
 * where {@code c} is the category's confidence and {@code s} the tool's BM25 score (0 when it did not match).
 */
public final class ToolSelection {

  /** A tool an analysis exposed and how confident the analysis is that the request needs it. */
  public record SelectedTool(CatalogEntry tool, double confidence) {
  }

  /**
   * What an analysis knows about a request.
   *
   * @param decided the categorizer's analysis, before tools named in the prompt raised any category
   * @param mentioned the names of the tools the request names outright
   * @param matches the tool index's matches for the request, best first
   */
  public record Evidence(Analysis decided, Set<String> mentioned, List<ToolMatch> matches) {
  }

  private ToolSelection() {
  }

  /** The tools to expose, most confident first, at most {@code maxTools}. */
  public static List<SelectedTool> select(Evidence evidence, Iterable<CatalogEntry> tools, int maxTools) {
    Map<String, Double> categories = categoryConfidences(evidence.decided());
    Map<String, ToolMatch> matches = new HashMap<>();
    Map<String, Double> bestInCategory = new HashMap<>();
    Map<String, CatalogEntry> byName = new HashMap<>();
    Map<String, Integer> categorySizes = new HashMap<>();
    tools.forEach(tool -> {
      byName.put(tool.name(), tool);
      categorySizes.merge(tool.category(), 1, Integer::sum);
    });
    for (ToolMatch match : evidence.matches()) {
      CatalogEntry tool = byName.get(match.name());
      if (tool != null) {
        matches.put(match.name(), match);
        bestInCategory.merge(tool.category(), match.score(), Math::max);
      }
    }
    List<SelectedTool> selected = new ArrayList<>();
    for (CatalogEntry tool : byName.values()) {
      ToolMatch match = matches.get(tool.name());
      boolean ranked = categorySizes.get(tool.category()) > maxTools;
      double confidence = confidence(categories.getOrDefault(tool.category(), 0.0), match,
          ranked ? bestInCategory.getOrDefault(tool.category(), 0.0) : 0.0);
      if (evidence.mentioned().contains(tool.name())) {
        confidence = Math.max(confidence, ToolMentions.CONFIDENCE);
      }
      if (confidence >= evidence.decided().threshold()) {
        selected.add(new SelectedTool(tool, confidence));
      }
    }
    selected.sort(Comparator.comparingDouble(SelectedTool::confidence).reversed()
        .thenComparing(Comparator.comparingDouble((SelectedTool s) -> score(matches.get(s.tool().name()))).reversed())
        .thenComparing(s -> s.tool().name()));
    return List.copyOf(selected.subList(0, Math.min(maxTools, selected.size())));
  }

  /**
   * One tool's combined confidence: its category's, weighted by its relevance within the category (not weighted when
   * {@code bestScoreInCategory} is 0), or-ed with its own.
   */
  static double confidence(double category, ToolMatch match, double bestScoreInCategory) {
    double relevance = bestScoreInCategory <= 0 ? 1.0 : score(match) / bestScoreInCategory;
    double categoryPart = category * (0.5 + 0.5 * relevance);
    double lexicalPart = match == null ? 0 : match.confidence();
    return 1 - (1 - categoryPart) * (1 - lexicalPart);
  }

  private static double score(ToolMatch match) {
    return match == null ? 0 : match.score();
  }

  private static Map<String, Double> categoryConfidences(Analysis analysis) {
    Map<String, Double> confidences = new HashMap<>();
    for (CategoryScore score : analysis.scores()) {
      if (!Taxonomy.OTHER.equals(score.category())) {
        confidences.put(score.category(), score.confidence());
      }
    }
    return confidences;
  }
}
