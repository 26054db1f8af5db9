package io.mcphub.categorizer.heuristic;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The default categorizer: no key, no network, microseconds per prompt. Scores every requested category from
 * a multilingual lexicon; its reasoning names the cues that fired (lexicon terms, never the prompt).
 */
final class HeuristicCategorizer implements Categorizer {

  static final String NAME = "heuristic";

  private final PromptScorer scorer;

  HeuristicCategorizer(Lexicon lexicon) {
    this.scorer = new PromptScorer(lexicon);
  }

  @Override
  public Future<Categorization> categorize(CategorizationRequest request) {
    long start = System.nanoTime();
    List<String> names = request.categories().stream().map(CategoryDefinition::name).toList();
    PromptScorer.Result result = scorer.score(request.prompt(), names);
    List<CategoryScore> scores = new ArrayList<>();
    result.scores().forEach((category, confidence) -> scores.add(new CategoryScore(category, round(confidence))));
    long micros = (System.nanoTime() - start) / 1_000;
    return Future.succeededFuture(new Categorization(NAME, NAME, scores, reasoning(result), micros / 1_000));
  }

  private static String reasoning(PromptScorer.Result result) {
    String cues = result.evidence().entrySet().stream()
        .map(entry -> entry.getKey() + ": " + String.join(", ", entry.getValue()))
        .collect(Collectors.joining("; "));
    String text = cues.isEmpty() ? "no category cues found" : "cues: " + cues;
    if (!result.noToolCues().isEmpty()) {
      text += "; no tool seems needed (" + String.join(", ", result.noToolCues()) + "), so every score was lowered";
    }
    return text;
  }

  private static double round(double confidence) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", confidence));
  }

  Map<String, Double> scores(String prompt, List<String> categories) {
    return scorer.score(prompt, categories).scores();
  }
}
