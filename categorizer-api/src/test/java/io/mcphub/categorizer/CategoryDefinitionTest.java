package io.mcphub.categorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A category's wire form: {@code tools} and {@code toolCount} are optional, so older peers keep working both ways. */
class CategoryDefinitionTest {

  @Test
  void aCategoryWithoutToolsKeepsTheOldWireForm() {
    CategoryDefinition plain = new CategoryDefinition("web", "fetching web pages");
    assertThat(plain.toJson()).isEqualTo(new JsonObject().put("name", "web").put("description", "fetching web pages"));
    assertThat(CategoryDefinition.fromJson(plain.toJson())).isEqualTo(plain);
  }

  @Test
  void theToolSampleAndCountTravelWhenThereAreSome() {
    CategoryDefinition trains = new CategoryDefinition("trains", "Rail", List.of("trains__search", "trains__book"), 7);
    JsonObject json = trains.toJson();
    assertThat(json.getJsonArray("tools")).containsExactly("trains__search", "trains__book");
    assertThat(json.getInteger("toolCount")).isEqualTo(7);
    assertThat(CategoryDefinition.fromJson(json)).isEqualTo(trains);
  }

  @Test
  void malformedOrOversizedSamplesAreRefused() {
    JsonObject base = new JsonObject().put("name", "x");
    for (JsonObject bad : List.of(base.copy().put("tools", "a"), base.copy().put("tools", new JsonArray().add(1)),
        base.copy().put("toolCount", "3"), base.copy().put("toolCount", -1),
        base.copy().put("tools", new JsonArray(java.util.Collections.nCopies(CategoryDefinition.MAX_TOOLS + 1, "t"))))) {
      assertThatThrownBy(() -> CategoryDefinition.fromJson(bad)).as(bad.encode()).isInstanceOf(CategorizerException.class)
          .extracting(e -> ((CategorizerException) e).code()).isEqualTo(CategorizerFailures.INVALID_REQUEST);
    }
  }
}
