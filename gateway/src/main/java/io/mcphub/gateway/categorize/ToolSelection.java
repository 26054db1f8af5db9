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
 * Which tools one analysis exposes. Each tool gets a confidence that combines three pieces of evidence — how sure
 * the categorizer is that the request needs a tool at all ({@code need}), what it said of the tool's category, and
 * how well the tool itself matches the request in the tool index — and is exposed when that confidence reaches the
 * threshold; at most {@code maxTools}, best evidence first. How they combine ({@code docs/tool-selection.md}):
 * <pre>
 *   category part = min(c, need) × (½ + ½ × s / s_best_in_category)
 *                   (the factor is 1 when the category has at most maxTools tools, or none of its tools matched)
 *   lexical part  = the index's confidence for the tool: s / (s + 2), halved when one word alone matched
 *   rank part     = sqrt(s / s_best)        s_best: the request's best match
 *   semantic part = the tool scorer's calibrated confidence for the tool, t (0 without a tool scorer)
 *   semantic rank = sqrt(t / t_best)        t_best: the scorer's most confident tool for the request
 *   tool part     = need × (1 − (1 − lexical part) × (1 − rank part) × (1 − semantic part) × (1 − semantic rank))
 *   confidence    = min(need, 1 − (1 − category part) × (1 − tool part))
 * </pre>
 * A list holds at most {@code maxTools}; of them, at most {@code ceil(maxTools × (need − threshold) / (1 − threshold))}
 * (at least 1) are there by their own evidence rather than their category's part alone or being named.
 * where {@code c} is the category's confidence and {@code s} the tool's score (0 when it did not match). No tool is
 * more likely needed than any tool is, so {@code need} caps everything: a request that needs none (a conceptual
 * question, text written into the chat) exposes nothing whatever words it shares with tools; the surer a tool is
 * needed, the further down the ranking exposure reaches, and the longer the list may be: a request only just sure of
 * needing a tool gets its best candidate, one that surely needs tools gets up to {@code maxTools}. The two rankings,
 * by words and by meaning, reach down alike: each has a rank part relative to its own best. A tool named outright gets at least
 * {@link ToolMentions#CONFIDENCE}, and naming one is itself evidence ({@link #MENTION_NEED}) that a tool is needed.
 */
public final class ToolSelection {

  /** How much naming a tool outright adds to the confidence that the request needs a tool. */
  static final double MENTION_NEED = 0.6;
  /**
   * The exponent of the rank part: with {@code need} 0.96 exposure reaches tools scoring about half the best match
   * (by the rank part alone), with 0.8 about three quarters; a request only just sure of needing a tool gets its best
   * matches only.
   */
  static final double RANK_EXPONENT = 0.5;

  /** The rule, as each analysis reports it ({@code structuredContent.selection.rule}). */
  public static final String RULE = "confidence = min(need, 1 - (1 - min(category, need) x (0.5 + 0.5 x relevance in category))"
      + " x (1 - need x (1 - (1 - tool relevance) x (1 - sqrt(score / best score)) x (1 - semantic similarity)"
      + " x (1 - sqrt(semantic similarity / best semantic similarity)))));"
      + " exposed at or above the threshold, best evidence first,"
      + " at most maxTools, of which at most ceil(maxTools x (need - threshold) / (1 - threshold)) (at least 1)"
      + " by their own evidence rather than their category's or being named;"
      + " a tool named in the prompt gets at least " + ToolMentions.CONFIDENCE;

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

    /** How confident the analysis is that the request needs any tool, a tool named outright included. */
    public double need() {
      return mentioned.isEmpty() ? decided.need() : 1 - (1 - decided.need()) * (1 - MENTION_NEED);
    }
  }

  /**
   * A tool that reached the threshold; ordered by {@code evidence}: its confidence without the rank part, its
   * category's share always weighted by how well it matches within its category. A small confident category is
   * exposed whole, but its best matches come first: when the cap cuts the list, a tool another part of the request
   * needs is not pushed out by the unmatched tools of a confident category ({@link #orderEvidence}).
   */
  private record Candidate(SelectedTool selected, double evidence, double score, boolean byCategoryOrName) {
  }

  private ToolSelection() {
  }

  /** The tools to expose, best evidence first, at most {@code maxTools}. */
  public static List<SelectedTool> select(Evidence evidence, Iterable<CatalogEntry> tools, int maxTools) {
    Map<String, Double> categories = categoryConfidences(evidence.decided());
    double need = evidence.need();
    Map<String, ToolMatch> matches = new HashMap<>();
    Map<String, Double> bestInCategory = new HashMap<>();
    Map<String, CatalogEntry> byName = new HashMap<>();
    Map<String, Integer> categorySizes = new HashMap<>();
    tools.forEach(tool -> {
      byName.put(tool.name(), tool);
      categorySizes.merge(tool.category(), 1, Integer::sum);
    });
    double best = 0;
    for (ToolMatch match : evidence.matches()) {
      CatalogEntry tool = byName.get(match.name());
      if (tool != null) {
        matches.put(match.name(), match);
        bestInCategory.merge(tool.category(), match.score(), Math::max);
        best = Math.max(best, match.score());
      }
    }
    Map<String, Double> semantic = new HashMap<>();
    evidence.decided().toolScores().forEach(score -> semantic.merge(score.name(), score.confidence(), Math::max));
    double bestSemantic = 0;
    for (Map.Entry<String, Double> score : semantic.entrySet()) {
      if (byName.containsKey(score.getKey())) {
        bestSemantic = Math.max(bestSemantic, score.getValue());
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (CatalogEntry tool : byName.values()) {
      ToolMatch match = matches.get(tool.name());
      double similar = semantic.getOrDefault(tool.name(), 0.0);
      double category = Math.min(need, categories.getOrDefault(tool.category(), 0.0));
      double bestOfCategory = bestInCategory.getOrDefault(tool.category(), 0.0);
      double inCategory = categorySizes.get(tool.category()) > maxTools ? bestOfCategory : 0;
      double withoutRank = orderEvidence(category, match, bestOfCategory, need, similar);
      double semanticRank = bestSemantic <= 0 ? 0 : Math.pow(similar / bestSemantic, RANK_EXPONENT);
      double confidence = Math.min(need, confidence(category, match, inCategory, need, best, similar, semanticRank));
      boolean named = evidence.mentioned().contains(tool.name());
      if (named) {
        confidence = Math.max(confidence, ToolMentions.CONFIDENCE);
        withoutRank = Math.max(withoutRank, ToolMentions.CONFIDENCE);
      }
      if (confidence >= evidence.decided().threshold()) {
        boolean byCategoryOrName = named || confidence(category, match, inCategory, 0, 0) >= evidence.decided().threshold();
        candidates.add(new Candidate(new SelectedTool(tool, confidence), withoutRank, score(match), byCategoryOrName));
      }
    }
    candidates.sort(Comparator.comparingDouble(Candidate::evidence).reversed()
        .thenComparing(Comparator.comparingDouble(Candidate::score).reversed())
        .thenComparing(candidate -> candidate.selected().tool().name()));
    return firstOf(candidates, maxTools, listLength(maxTools, need, evidence.decided().threshold()));
  }

  /**
   * The first {@code maxTools} candidates, of which at most {@code byToolEvidence} are there by their own evidence:
   * tools of a confident category and tools named in the request are not counted against the shorter length, so a
   * confident category that fits the cap is still exposed whole and a named tool is always listed.
   */
  private static List<SelectedTool> firstOf(List<Candidate> candidates, int maxTools, int byToolEvidence) {
    List<SelectedTool> selected = new ArrayList<>();
    int own = 0;
    for (Candidate candidate : candidates) {
      if (selected.size() == maxTools) {
        break;
      }
      if (candidate.byCategoryOrName() || own++ < byToolEvidence) {
        selected.add(candidate.selected());
      }
    }
    return selected;
  }

  /**
   * How many tools an analysis may expose by their own evidence (words, meaning): all {@code maxTools} only when the
   * request surely needs a tool, its single best candidate when {@code need} is just at the threshold, in proportion in
   * between. A request the categorizer merely cannot rule out (no cue either way) gets a short list of its strongest
   * candidates (5 of 25 at the neutral 0.75), not a page of near misses; the more cues of needing a tool it has, the
   * further the list reaches (0.9: 17 of 25; all 25 from about 0.99).
   * Tools of a confident category are not counted ({@link #firstOf}).
   */
  public static int listLength(int maxTools, double need, double threshold) {
    if (threshold >= 1) {
      return maxTools;
    }
    double share = Math.max(0, Math.min(1, (need - threshold) / (1 - threshold)));
    return Math.max(1, (int) Math.ceil(maxTools * share - 1e-9));
  }

  /**
   * One tool's combined confidence before the {@code need} cap: its category's, weighted by its relevance within the
   * category (not weighted when {@code bestInCategory} is 0), or-ed with its own evidence from the index, which counts
   * as far as the request needs a tool at all. With {@code best} 0 the rank part is left out.
   */
  static double confidence(double category, ToolMatch match, double bestInCategory, double need, double best) {
    return confidence(category, match, bestInCategory, need, best, 0, 0);
  }

  /**
   * As above, with the tool scorer's confidence for the tool ({@code semantic}) and its rank part
   * ({@code semanticRank}, {@code sqrt(semantic / best semantic)}) as two more independent pieces: the ranking by
   * meaning reaches down its list the way the ranking by words does.
   */
  static double confidence(double category, ToolMatch match, double bestInCategory, double need, double best,
      double semantic, double semanticRank) {
    double relevance = bestInCategory <= 0 ? 1.0 : score(match) / bestInCategory;
    double categoryPart = category * (0.5 + 0.5 * relevance);
    double lexicalPart = match == null ? 0 : match.confidence();
    double rankPart = match == null || best <= 0 ? 0 : Math.pow(match.score() / best, RANK_EXPONENT);
    double toolPart = need * (1 - (1 - lexicalPart) * (1 - rankPart) * (1 - semantic) * (1 - semanticRank));
    return 1 - (1 - categoryPart) * (1 - toolPart);
  }

  /**
   * What orders the tools that reached the threshold (the cap keeps the first ones): the confidence without the rank
   * part, with the category's share weighted by the tool's relevance within its category whatever the category's
   * size ({@code bestOfCategory} its best score; not weighted when 0, i.e. no tool of it matched). Exposure itself
   * still weights only categories larger than the cap, so a small confident category's tools all reach the
   * threshold; only their place in the order depends on how well they match.
   */
  static double orderEvidence(double category, ToolMatch match, double bestOfCategory, double need, double semantic) {
    return confidence(category, match, bestOfCategory, need, 0, semantic, 0);
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
