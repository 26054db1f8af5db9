package io.mcphub.categorizer.heuristic;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The default categorizer: no key, no network, microseconds per prompt. Scores every requested category from
 * a multilingual lexicon, and the categories the lexicon does not know (a hub's categories derived from its servers)
 * from their own names and descriptions ({@link CategoryCues}); a request that seems to need no tool lowers both alike.
 * Its reasoning names the cues that fired (lexicon terms and category words, never the prompt).
 */
final class HeuristicCategorizer implements Categorizer {

  static final String NAME = "heuristic";

  private final Lexicon lexicon;
  private final PromptScorer scorer;
  private final CategoryCues categoryCues;

  HeuristicCategorizer(Lexicon lexicon) {
    this.lexicon = lexicon;
    this.scorer = new PromptScorer(lexicon);
    this.categoryCues = new CategoryCues(lexicon);
  }

  @Override
  public Future<Categorization> categorize(CategorizationRequest request) {
    long start = System.nanoTime();
    List<String> names = request.categories().stream().map(CategoryDefinition::name).toList();
    PromptScorer.Result result = withUnknownCategories(scorer.score(request.prompt(), names), request);
    List<CategoryScore> scores = new ArrayList<>();
    result.scores().forEach((category, confidence) -> scores.add(new CategoryScore(category, round(confidence))));
    long micros = (System.nanoTime() - start) / 1_000;
    return Future.succeededFuture(new Categorization(NAME, NAME, scores, reasoning(result), micros / 1_000, round(result.toolNeed())));
  }

  /** Replaces the lexicon's zeros for the categories it does not know with what their own words say. */
  private PromptScorer.Result withUnknownCategories(PromptScorer.Result known, CategorizationRequest request) {
    List<CategoryDefinition> unknown = request.categories().stream().filter(c -> !lexicon.knows(c.name())).toList();
    if (unknown.isEmpty()) {
      return known;
    }
    String prompt = request.prompt();
    String scored = prompt.length() > PromptScorer.MAX_SCORED_CHARS ? prompt.substring(0, PromptScorer.MAX_SCORED_CHARS) : prompt;
    CategoryCues.Result cued = categoryCues.score(Text.of(scored).tokens(), unknown, request.categories());
    double factor = known.noToolCues().isEmpty() ? 1.0 : lexicon.noToolFactor();
    Map<String, Double> scores = new LinkedHashMap<>(known.scores());
    cued.scores().forEach((category, confidence) -> scores.put(category, confidence * factor));
    Map<String, List<String>> evidence = new LinkedHashMap<>(known.evidence());
    evidence.putAll(cued.evidence());
    return new PromptScorer.Result(scores, evidence, known.noToolCues(), known.toolNeed(), known.needCues());
  }

  private static String reasoning(PromptScorer.Result result) {
    String cues = result.evidence().entrySet().stream()
        .map(entry -> entry.getKey() + ": " + String.join(", ", entry.getValue()))
        .collect(Collectors.joining("; "));
    String text = cues.isEmpty() ? "no category cues found" : "cues: " + cues;
    if (!result.noToolCues().isEmpty()) {
      text += "; no tool seems needed (" + String.join(", ", result.noToolCues()) + "), so every score was lowered";
    }
    text += String.format(Locale.ROOT, "; tool need %.2f", result.toolNeed())
        + (result.needCues().isEmpty() ? "" : " (" + String.join(", ", result.needCues()) + ")");
    return text;
  }

  /**
   * Three decimals, rounded half up from the shortest decimal that reads back as {@code confidence}, as
   * {@code String.format("%.3f")} rounds; without the formatter, which cost more than scoring a prompt's categories.
   */
  static double round(double confidence) {
    return BigDecimal.valueOf(confidence).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }

  Map<String, Double> scores(String prompt, List<String> categories) {
    return scorer.score(prompt, categories).scores();
  }
}
