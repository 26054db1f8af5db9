package io.mcphub.categorizer.heuristic;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategoryDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeuristicCategorizerTest {

  private final HeuristicCategorizer heuristic = (HeuristicCategorizer) new HeuristicCategorizerFactory().create(null, null);

  private Set<String> exposed(String prompt) {
    return EvalSet.exposed(heuristic, prompt, 0.7);
  }

  @Test
  void confidencesAreRoundedToThreeDecimalsExactlyAsTheFormatterRoundsThem() {
    java.util.Random random = new java.util.Random(16);
    List<Double> values = new ArrayList<>(List.of(0.0, 1.0, 0.0005, 0.0015, 0.1235, 0.9995, 0.7, 0.6999999999999999, 0.8125));
    for (int i = 0; i < 100_000; i++) {
      values.add(random.nextDouble());
      values.add(random.nextInt(10_000) / 10_000.0 + 0.00005);
    }
    for (double value : values) {
      assertThat(HeuristicCategorizer.round(value)).as("%s", value)
          .isEqualTo(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3f", value)));
    }
  }

  @Test
  void wordsMatchOnWordBoundariesNotInsideOtherWords() {
    // the system we replace matched "pr" inside "prompt" and "git" inside "digital"
    assertThat(exposed("Improve this prompt for a digital marketing campaign")).isEmpty();
    assertThat(exposed("Open a PR for the fix on GitHub")).containsExactly("version-control");
  }

  @Test
  void oneStrongCueExposesOneMediumCueDoesNot() {
    Map<String, Double> strong = heuristic.scores("commit my changes", List.of("version-control"));
    assertThat(strong.get("version-control")).isGreaterThanOrEqualTo(0.7);
    Map<String, Double> medium = heuristic.scores("what is on that branch", List.of("version-control"));
    assertThat(medium.get("version-control")).isBetween(0.5, 0.69);
  }

  @Test
  void weakCuesAloneNeverReachTheThreshold() {
    Map<String, Double> scores = heuristic.scores("tell the team, let them know and share it", List.of("communication"));
    assertThat(scores.get("communication")).isLessThan(0.7);
  }

  @Test
  void promptsThatNeedNoToolExposeNothing() {
    assertThat(exposed("Explain how git rebase works, conceptually")).isEmpty();
    assertThat(exposed("Write a poem about docker containers and kubernetes pods")).isEmpty();
    assertThat(exposed("Draft an email to my boss asking for Friday off, then send it to boss@example.com"))
        .containsExactly("communication");
  }

  @Test
  void urlsAndAddressesAreEvidenceButTheirWordsAreNot() {
    assertThat(exposed("Summarise https://news.example.com/search/latest")).containsExactly("web");
    assertThat(exposed("read C:\\Users\\ada\\Documents\\columns.txt")).containsExactly("filesystem");
  }

  @Test
  void typosOfOneMissingOrExtraLetterStillMatchButRealWordsAreNotTypos() {
    assertThat(exposed("pls remeber my wife's birthday is 3 may")).containsExactly("memory");
    assertThat(exposed("commmit this")).containsExactly("version-control");
    // "stack" is a word, not a typo of "slack"
    assertThat(exposed("print the stack")).isEmpty();
  }

  @Test
  void everyRequiredLanguageIsUnderstood() {
    assertThat(exposed("Lies bitte die Datei notizen.txt")).containsExactly("filesystem");
    assertThat(exposed("Envoie un courriel à Marie pour annuler la réunion")).containsExactly("communication");
    assertThat(exposed("Crea una tabla nueva en la base de datos")).containsExactly("database");
    assertThat(exposed("Lembre que meu time favorito é o Flamengo")).containsExactly("memory");
    assertThat(exposed("Запомни, что я люблю чай")).containsExactly("memory");
    assertThat(exposed("このフォルダのファイルを一覧表示して")).containsExactly("filesystem");
    assertThat(exposed("列出所有正在运行的容器")).containsExactly("docker");
    assertThat(exposed("मेरी ईमेल देखो और टीम को संदेश भेजो")).containsExactly("communication");
  }

  @Test
  void configuredCategoriesWithKeywordsAreScored() {
    JsonObject config = new JsonObject().put("categories", new JsonArray().add(new JsonObject().put("name", "payments")
        .put("keywords", new JsonArray().add("stripe").add("refund*"))));
    HeuristicCategorizer custom = (HeuristicCategorizer) new HeuristicCategorizerFactory().create(null, config);
    CategorizationRequest request = new CategorizationRequest("Refund order 42 in Stripe", "",
        List.of(new CategoryDefinition("web", ""), new CategoryDefinition("payments", "charges and refunds")), "s");
    Categorization answer = custom.categorize(request).result().normalizedFor(request);
    assertThat(answer.scores().get(0).category()).isEqualTo("payments");
    assertThat(answer.scores().get(0).confidence()).isGreaterThanOrEqualTo(0.7);
    assertThat(answer.reasoning()).contains("payments: refund*, stripe").doesNotContain("order 42");
  }

  @Test
  void theDevSetStaysAboveTheTargets() throws Exception {
    List<String> misses = new ArrayList<>();
    EvalSet.Score all = EvalSet.evaluate(EvalSet.load(Path.of("src/test/resources/eval/prompts-dev.jsonl")), 0.7, misses)
        .get("all");
    assertThat(all.recall()).as("recall; misses: %s", misses).isGreaterThanOrEqualTo(0.85);
    assertThat(all.precision()).as("precision; misses: %s", misses).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void promptsWrittenApartFromTheDevSetStayAboveTheTargets() throws Exception {
    for (String set : List.of("prompts-heldout.jsonl", "prompts-fresh.jsonl")) {
      List<String> misses = new ArrayList<>();
      EvalSet.Score all = EvalSet.evaluate(EvalSet.load(Path.of("src/test/resources/eval/" + set)), 0.7, misses).get("all");
      assertThat(all.recall()).as("%s recall; misses: %s", set, misses).isGreaterThanOrEqualTo(0.85);
      assertThat(all.precision()).as("%s precision; misses: %s", set, misses).isGreaterThanOrEqualTo(0.85);
    }
  }
}
