package io.mcphub.categorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply's wire form: {@code toolNeed} is optional both ways, so older categorizers and hubs keep working. */
class CategorizationWireTest {

  @Test
  void toolNeedTravelsWhenGivenAndIsAbsentOtherwise() {
    Categorization with = new Categorization("h", "h", List.of(new CategoryScore("web", 0.9)), "", 1, 0.25);
    assertThat(Categorization.fromJson(with.toJson()).toolNeed()).isEqualTo(0.25);
    Categorization without = new Categorization("h", "h", List.of(new CategoryScore("web", 0.9)), "", 1);
    assertThat(without.toJson().containsKey("toolNeed")).isFalse();
    assertThat(Categorization.fromJson(without.toJson()).toolNeed()).isNull();
  }

  @Test
  void toolNeedIsClampedAndANonNumberIsIgnored() {
    assertThat(Categorization.fromJson(new JsonObject().put("toolNeed", 7)).toolNeed()).isEqualTo(1.0);
    assertThat(Categorization.fromJson(new JsonObject().put("toolNeed", -1)).toolNeed()).isEqualTo(0.0);
    assertThat(Categorization.fromJson(new JsonObject().put("toolNeed", "high")).toolNeed()).isNull();
    assertThat(new Categorization("h", "h", List.of(), "", 0, Double.NaN).toolNeed()).isNull();
  }

  @Test
  void normalizingKeepsToolNeed() {
    CategorizationRequest request = new CategorizationRequest("p", "", List.of(new CategoryDefinition("web", "")), "");
    assertThat(new Categorization("h", "h", List.of(new CategoryScore("web", 2)), "", 0, 0.4).normalizedFor(request).toolNeed())
        .isEqualTo(0.4);
  }

  @Test
  void toolScoresAreOptionalOnTheWireAndNormalizedBestFirstDeduplicatedAndBounded() {
    Categorization without = new Categorization("h", "h", List.of(), "", 0, 0.5);
    assertThat(without.toJson().containsKey("tools")).isFalse();
    assertThat(Categorization.fromJson(without.toJson()).tools()).isEmpty();

    List<ToolScore> many = new java.util.ArrayList<>();
    for (int i = 0; i < Categorization.MAX_TOOL_SCORES + 20; i++) {
      many.add(new ToolScore("t" + i, i / 200.0));
    }
    many.add(new ToolScore("t3", 2.0));
    many.add(new ToolScore("nan", Double.NaN));
    CategorizationRequest request = new CategorizationRequest("p", "", List.of(new CategoryDefinition("web", "")), "");
    Categorization normalized = new Categorization("e", "m", List.of(), "", 0, null, many).normalizedFor(request);
    assertThat(normalized.tools()).hasSize(Categorization.MAX_TOOL_SCORES);
    assertThat(normalized.tools().get(0)).isEqualTo(new ToolScore("t3", 1.0));
    assertThat(normalized.tools()).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()))
        .extracting(ToolScore::name).doesNotHaveDuplicates().doesNotContain("nan");
    assertThat(Categorization.fromJson(normalized.toJson()).tools()).isEqualTo(normalized.tools());
  }
}
