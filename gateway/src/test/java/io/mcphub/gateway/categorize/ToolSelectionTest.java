package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.CategoryScore;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.tools.ToolMatch;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ToolSelectionTest {

  private static final double THRESHOLD = 0.7;
  private static final int MAX_TOOLS = 5;
  /** A request that likely needs a tool. */
  private static final double LIKELY = 0.8;

  /** 12 file tools (more than MAX_TOOLS), 3 memory tools, 4 uncategorized train tools. */
  private static final List<CatalogEntry> CATALOG = catalog();

  @Test
  void aConfidentCategoryLargerThanTheCapExposesOnlyItsRelevantTools() {
    List<ToolSelection.SelectedTool> selected = select(List.of(new CategoryScore("filesystem", 0.9)), Set.of(),
        List.of(match("files__tool3", 9, 0.8), match("files__tool7", 8, 0.7), match("files__tool1", 1, 0.2)));
    assertThat(names(selected)).containsExactly("files__tool3", "files__tool7");
    assertThat(selected).allSatisfy(tool -> assertThat(tool.confidence()).isLessThanOrEqualTo(LIKELY));
  }

  @Test
  void aConfidentCategoryThatFitsTheCapIsExposedWhole() {
    List<ToolSelection.SelectedTool> selected = select(List.of(new CategoryScore("memory", 0.85)), Set.of(), List.of(), 0.9);
    assertThat(names(selected)).containsExactlyInAnyOrder("memory__tool0", "memory__tool1", "memory__tool2");
    assertThat(selected).allSatisfy(tool -> assertThat(tool.confidence()).isEqualTo(0.85));
  }

  @Test
  void whenTheCapCutsAConfidentSmallCategoryItsUnmatchedToolsLeaveFirstNotAToolAnotherPartOfTheRequestNeeds() {
    Analysis analysis = analysis(List.of(new CategoryScore("memory", 0.95)), 0.95);
    List<ToolMatch> matches = List.of(match("trains__tool2", 12, 0.8), match("memory__tool1", 6, 0.6));
    assertThat(names(ToolSelection.select(new ToolSelection.Evidence(analysis, Set.of(), matches), CATALOG, 3)))
        .containsExactly("memory__tool1", "trains__tool2", "memory__tool0");
    assertThat(names(ToolSelection.select(new ToolSelection.Evidence(analysis, Set.of(), matches), CATALOG, 4)))
        .as("the category is still exposed whole when the cap allows").containsExactlyInAnyOrder("memory__tool0", "memory__tool1",
            "memory__tool2", "trains__tool2");
  }

  @Test
  void theOrderWeighsACategorysShareByTheToolsMatchWithinItWhateverTheCategorysSize() {
    org.assertj.core.data.Offset<Double> close = org.assertj.core.data.Offset.offset(1e-9);
    ToolMatch half = match("memory__tool1", 5, 0.5);
    assertThat(ToolSelection.orderEvidence(0.8, half, 10, 1, 0)).isCloseTo(1 - (1 - 0.8 * 0.75) * 0.5, close);
    assertThat(ToolSelection.orderEvidence(0.8, null, 10, 1, 0)).as("unmatched in a category whose tools matched").isCloseTo(0.4, close);
    assertThat(ToolSelection.orderEvidence(0.8, null, 0, 1, 0)).as("no tool of the category matched").isCloseTo(0.8, close);
  }

  @Test
  void aToolThatMatchesTheRequestWellIsExposedWithoutAnyCategory() {
    List<ToolSelection.SelectedTool> selected = select(List.of(new CategoryScore("filesystem", 0.1)), Set.of(),
        List.of(match("trains__tool2", 12, 0.75), match("trains__tool0", 5, 0.4)));
    assertThat(names(selected)).containsExactly("trains__tool2");
    assertThat(selected.get(0).confidence()).isGreaterThanOrEqualTo(0.75);
  }

  @Test
  void aNamedToolIsExposedAloneNotItsWholeCategory() {
    List<ToolSelection.SelectedTool> selected = select(List.of(), Set.of("files__tool9"), List.of());
    assertThat(names(selected)).containsExactly("files__tool9");
    assertThat(selected.get(0).confidence()).isEqualTo(ToolMentions.CONFIDENCE);
  }

  @Test
  void noEvidenceExposesNothingAndTheCapKeepsTheMostConfident() {
    assertThat(select(List.of(new CategoryScore("other", 0.95)), Set.of(), List.of(match("files__tool1", 2, 0.3)), 0.6)).isEmpty();
    List<ToolMatch> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(match("files__tool" + i, 20 - i, 0.95 - i * 0.01));
    }
    List<ToolSelection.SelectedTool> capped = select(List.of(), Set.of(), many, 1.0);
    assertThat(names(capped)).containsExactly("files__tool0", "files__tool1", "files__tool2", "files__tool3", "files__tool4");
  }

  @Test
  void theListIsAsLongAsTheRequestIsSureToNeedATool() {
    List<ToolMatch> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(match("files__tool" + i, 20 - i, 0.95 - i * 0.01));
    }
    assertThat(select(List.of(), Set.of(), many, 1.0)).hasSize(MAX_TOOLS);
    assertThat(names(select(List.of(), Set.of(), many, 0.8))).as("a third of the way from the threshold to certainty: ceil(5 / 3)")
        .containsExactly("files__tool0", "files__tool1");
    assertThat(names(select(List.of(), Set.of(), many, 0.71))).as("just over the threshold: its best candidate").containsExactly("files__tool0");
    Analysis memory = analysis(List.of(new CategoryScore("memory", 0.85)), 0.71);
    assertThat(names(ToolSelection.select(new ToolSelection.Evidence(memory, Set.of("files__tool9"), many), CATALOG, MAX_TOOLS)))
        .as("a confident category and a named tool do not count against the shorter list")
        .containsExactlyInAnyOrder("files__tool9", "memory__tool0", "memory__tool1", "memory__tool2", "files__tool0");
    assertThat(ToolSelection.listLength(25, 0.75, 0.7)).isEqualTo(5);
    assertThat(ToolSelection.listLength(25, 0.96, 0.7)).isEqualTo(22);
    assertThat(ToolSelection.listLength(25, 0.4, 0.7)).isEqualTo(1);
    assertThat(ToolSelection.listLength(25, 1.0, 1.0)).as("a threshold of 1 leaves the cap alone").isEqualTo(25);
  }

  @Test
  void categoryAndToolEvidenceCombineLikeIndependentSignals() {
    ToolMatch best = match("files__tool0", 10, 0.5);
    org.assertj.core.data.Offset<Double> close = org.assertj.core.data.Offset.offset(1e-9);
    assertThat(ToolSelection.confidence(0.8, best, 10, 1, 0)).isCloseTo(1 - 0.2 * 0.5, close);
    assertThat(ToolSelection.confidence(0.8, null, 10, 1, 0)).isCloseTo(0.4, close);
    assertThat(ToolSelection.confidence(0.8, null, 0, 1, 0)).isCloseTo(0.8, close);
    assertThat(ToolSelection.confidence(0, null, 0, 1, 0)).isZero();
    assertThat(ToolSelection.confidence(0, best, 0, 0.5, 0)).as("the index counts as far as a tool is needed").isCloseTo(0.25, close);
    assertThat(ToolSelection.confidence(0, match("files__tool1", 2.5, 0), 0, 1, 10)).as("rank part: sqrt(2.5 / 10)")
        .isCloseTo(0.5, close);
  }

  @Test
  void aRequestThatNeedsNoToolExposesNothingWhateverItMatches() {
    List<ToolMatch> strong = List.of(match("trains__tool2", 30, 0.95), match("files__tool3", 20, 0.9));
    assertThat(select(List.of(new CategoryScore("filesystem", 0.95)), Set.of(), strong, 0.2)).isEmpty();
    assertThat(select(List.of(new CategoryScore("filesystem", 0.95)), Set.of(), strong, 0.95)).isNotEmpty()
        .allSatisfy(tool -> assertThat(tool.confidence()).isLessThanOrEqualTo(0.95));
  }

  @Test
  void theSurerAToolIsNeededTheFurtherDownTheRankingExposureReaches() {
    List<ToolMatch> weak = List.of(match("trains__tool0", 10, 0.2), match("trains__tool1", 6, 0.2), match("trains__tool2", 2, 0.2),
        match("trains__tool3", 0.5, 0.1));
    assertThat(names(select(List.of(), Set.of(), weak, 0.75))).containsExactly("trains__tool0");
    assertThat(names(select(List.of(), Set.of(), weak, 0.98))).containsExactly("trains__tool0", "trains__tool1");
  }

  @Test
  void namingAToolIsEvidenceThatAToolIsNeeded() {
    List<ToolSelection.SelectedTool> selected = select(List.of(), Set.of("files__tool9"), List.of(), 0.5);
    assertThat(names(selected)).containsExactly("files__tool9");
    assertThat(new ToolSelection.Evidence(analysis(List.of(), 0.5), Set.of("files__tool9"), List.of()).need())
        .isCloseTo(1 - 0.5 * (1 - ToolSelection.MENTION_NEED), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void withoutAToolNeedTheMostConfidentCategoryStandsForIt() {
    assertThat(analysis(List.of(new CategoryScore("memory", 0.85), new CategoryScore("other", 0.99)), null).need()).isEqualTo(0.85);
    assertThat(analysis(List.of(), null).need()).isZero();
  }

  @Test
  void aToolTheScorerFindsSimilarIsExposedWithoutAnyWordInCommonAsFarAsAToolIsNeeded() {
    List<io.mcphub.categorizer.ToolScore> similar = List.of(new io.mcphub.categorizer.ToolScore("trains__tool1", 0.95),
        new io.mcphub.categorizer.ToolScore("trains__tool3", 0.3));
    Analysis likely = analysis(List.of(), 0.9).withToolScores(similar);
    List<ToolSelection.SelectedTool> selected = ToolSelection.select(new ToolSelection.Evidence(likely, Set.of(), List.of()), CATALOG,
        MAX_TOOLS);
    assertThat(names(selected)).as("trains__tool3 is far below the scorer's best").containsExactly("trains__tool1");
    assertThat(selected.get(0).confidence()).as("the scorer's best tool: semantic rank part 1").isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    Analysis noTool = analysis(List.of(), 0.2).withToolScores(similar);
    assertThat(ToolSelection.select(new ToolSelection.Evidence(noTool, Set.of(), List.of()), CATALOG, MAX_TOOLS))
        .as("the need cap holds for semantic evidence too").isEmpty();
    List<ToolMatch> weak = List.of(match("trains__tool2", 10, 0.3), match("trains__tool1", 3, 0.2));
    Analysis both = analysis(List.of(), 0.8).withToolScores(List.of(new io.mcphub.categorizer.ToolScore("trains__tool1", 0.7)));
    assertThat(names(ToolSelection.select(new ToolSelection.Evidence(both, Set.of(), weak), CATALOG, MAX_TOOLS)))
        .as("weak words and a fair similarity reinforce each other").contains("trains__tool1");
    assertThat(names(select(List.of(), Set.of(), weak, 0.8))).doesNotContain("trains__tool1");
  }

  @Test
  void theRankingByMeaningReachesDownItsListAsFarAsTheRankingByWordsDoes() {
    List<io.mcphub.categorizer.ToolScore> similar = List.of(new io.mcphub.categorizer.ToolScore("trains__tool0", 0.6),
        new io.mcphub.categorizer.ToolScore("trains__tool1", 0.45), new io.mcphub.categorizer.ToolScore("trains__tool2", 0.15));
    Analysis sure = analysis(List.of(), 1.0).withToolScores(similar);
    assertThat(names(ToolSelection.select(new ToolSelection.Evidence(sure, Set.of(), List.of()), CATALOG, MAX_TOOLS)))
        .as("none is confident alone; the best two stand out from the rest: sqrt(0.45 / 0.6) = 0.87, sqrt(0.15 / 0.6) = 0.5")
        .containsExactly("trains__tool0", "trains__tool1");
    Analysis unsure = analysis(List.of(), 0.75).withToolScores(similar);
    assertThat(names(ToolSelection.select(new ToolSelection.Evidence(unsure, Set.of(), List.of()), CATALOG, MAX_TOOLS)))
        .as("a request only just needing a tool gets the nearest one").containsExactly("trains__tool0");
    assertThat(ToolSelection.select(new ToolSelection.Evidence(analysis(List.of(), 0.5).withToolScores(similar), Set.of(), List.of()),
        CATALOG, MAX_TOOLS)).as("nothing when no tool is needed").isEmpty();
    List<io.mcphub.categorizer.ToolScore> withHidden = new ArrayList<>(similar);
    withHidden.add(0, new io.mcphub.categorizer.ToolScore("secret__tool0", 0.99));
    assertThat(names(ToolSelection.select(new ToolSelection.Evidence(sure.withToolScores(withHidden), Set.of(), List.of()), CATALOG,
        MAX_TOOLS))).as("the best is taken among the tools this session may see").containsExactly("trains__tool0", "trains__tool1");
  }

  /** A selection for a request the categorizer thinks likely needs a tool. */
  private static List<ToolSelection.SelectedTool> select(List<CategoryScore> scores, Set<String> mentioned, List<ToolMatch> matches) {
    return select(scores, mentioned, matches, LIKELY);
  }

  private static List<ToolSelection.SelectedTool> select(List<CategoryScore> scores, Set<String> mentioned, List<ToolMatch> matches,
      double need) {
    return ToolSelection.select(new ToolSelection.Evidence(analysis(scores, need), mentioned, matches), CATALOG, MAX_TOOLS);
  }

  private static Analysis analysis(List<CategoryScore> scores, Double need) {
    return new Analysis(scores, Set.of(), "heuristic", null, THRESHOLD, 0, "", null, need);
  }

  private static ToolMatch match(String name, double score, double confidence) {
    return new ToolMatch(name, score, confidence);
  }

  private static List<String> names(List<ToolSelection.SelectedTool> selected) {
    return selected.stream().map(tool -> tool.tool().name()).toList();
  }

  private static List<CatalogEntry> catalog() {
    List<CatalogEntry> tools = new ArrayList<>();
    add(tools, "files", "filesystem", 12);
    add(tools, "memory", "memory", 3);
    add(tools, "trains", "other", 4);
    return tools;
  }

  private static void add(List<CatalogEntry> tools, String server, String category, int count) {
    for (int i = 0; i < count; i++) {
      String name = server + "__tool" + i;
      tools.add(new CatalogEntry(name, null, "tool" + i, category, new JsonObject().put("name", name)));
    }
  }
}
