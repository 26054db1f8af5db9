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

  /** 12 file tools (more than MAX_TOOLS), 3 memory tools, 4 uncategorized train tools. */
  private static final List<CatalogEntry> CATALOG = catalog();

  @Test
  void aConfidentCategoryLargerThanTheCapExposesOnlyItsRelevantTools() {
    List<ToolSelection.SelectedTool> selected = select(List.of(new CategoryScore("filesystem", 0.9)), Set.of(),
        List.of(match("files__tool3", 9, 0.8), match("files__tool7", 8, 0.7), match("files__tool1", 1, 0.2)));
    assertThat(names(selected)).containsExactly("files__tool3", "files__tool7");
    assertThat(selected.get(0).confidence()).isGreaterThan(selected.get(1).confidence()).isLessThanOrEqualTo(1);
  }

  @Test
  void aConfidentCategoryThatFitsTheCapIsExposedWhole() {
    List<ToolSelection.SelectedTool> selected = select(List.of(new CategoryScore("memory", 0.85)), Set.of(), List.of());
    assertThat(names(selected)).containsExactlyInAnyOrder("memory__tool0", "memory__tool1", "memory__tool2");
    assertThat(selected).allSatisfy(tool -> assertThat(tool.confidence()).isEqualTo(0.85));
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
    assertThat(select(List.of(new CategoryScore("other", 0.95)), Set.of(), List.of(match("files__tool1", 2, 0.3)))).isEmpty();
    List<ToolMatch> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(match("files__tool" + i, 20 - i, 0.95 - i * 0.01));
    }
    List<ToolSelection.SelectedTool> capped = select(List.of(), Set.of(), many);
    assertThat(names(capped)).containsExactly("files__tool0", "files__tool1", "files__tool2", "files__tool3", "files__tool4");
  }

  @Test
  void categoryAndToolEvidenceCombineLikeIndependentSignals() {
    ToolMatch best = match("files__tool0", 10, 0.5);
    assertThat(ToolSelection.confidence(0.8, best, 10)).isCloseTo(1 - 0.2 * 0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ToolSelection.confidence(0.8, null, 10)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ToolSelection.confidence(0.8, null, 0)).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ToolSelection.confidence(0, null, 0)).isZero();
  }

  private static List<ToolSelection.SelectedTool> select(List<CategoryScore> scores, Set<String> mentioned, List<ToolMatch> matches) {
    Analysis decided = new Analysis(scores, Set.of(), "heuristic", null, THRESHOLD, 0, "", null);
    return ToolSelection.select(new ToolSelection.Evidence(decided, mentioned, matches), CATALOG, MAX_TOOLS);
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
