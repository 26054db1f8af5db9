package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order that decides a tool's category, why it was decided, and learned categories surviving a reloaded config. */
class ToolCategorizerTest {

  private static final JsonObject READ_FILE = new JsonObject().put("name", "read_file").put("description", "Read a file");

  @Test
  void customMappingThenServerCategoryThenLearnedThenRulesThenTheServersOwnCategory() {
    ToolCategorizer categorizer = new ToolCategorizer(Map.of("FS__READ_*", "search"), Map.of("db", "database"));
    assertThat(categorizer.categorize("fs", "fs__read_file", READ_FILE)).isEqualTo("search");
    assertThat(categorizer.categorize("db", "db__read_file", READ_FILE)).isEqualTo("database");
    assertThat(categorizer.categorize("x", "x__read_file", READ_FILE)).isEqualTo("filesystem");
    assertThat(categorizer.categorize("x", "x__frobnicate", new JsonObject().put("name", "frobnicate"))).isEqualTo("x");
    categorizer.learn(ToolCategorizer.learningKey("x__read_file", READ_FILE), "web");
    assertThat(categorizer.categorize("x", "x__read_file", READ_FILE)).isEqualTo("web");
    assertThat(categorizer.learnable("db", "db__read_file")).isFalse();
    assertThat(categorizer.learnable("x", "x__read_file")).isTrue();
  }

  @Test
  void eachDecisionSaysWhy() {
    ToolCategorizer categorizer = new ToolCategorizer(Map.of("fs__read_*", "search"), Map.of("db", "database"));
    assertThat(categorizer.decide("fs", "fs__read_file", READ_FILE).reason().toJson())
        .isEqualTo(new JsonObject().put("by", "mapping").put("glob", "fs__read_*"));
    assertThat(categorizer.decide("db", "db__read_file", READ_FILE).reason().toJson()).isEqualTo(new JsonObject().put("by", "server"));
    assertThat(categorizer.decide("x", "x__read_file", READ_FILE).reason().toJson())
        .isEqualTo(new JsonObject().put("by", "rule").put("words", new io.vertx.core.json.JsonArray().add("file")));
    ToolCategorizer.ToolCategory derived = categorizer.decide("Trains", "Trains__book", new JsonObject().put("name", "book")
        .put("description", "Books a seat on a train"));
    assertThat(derived.name()).isEqualTo("trains");
    assertThat(derived.reason().toJson()).isEqualTo(new JsonObject().put("by", "derived").put("server", "Trains"));
    categorizer.learn(ToolCategorizer.learningKey("x__read_file", READ_FILE), "web");
    assertThat(categorizer.decide("x", "x__read_file", READ_FILE).reason().by()).isEqualTo(CategoryReason.LEARNED);
  }

  @Test
  void aServerNamedLikeATaxonomyCategoryJoinsItAndReservedNamesAreAvoided() {
    ToolCategorizer categorizer = new ToolCategorizer(Map.of(), Map.of());
    JsonObject vague = new JsonObject().put("name", "frobnicate").put("description", "Does the thing");
    assertThat(categorizer.categorize("memory", "memory__frobnicate", vague)).isEqualTo("memory");
    assertThat(categorizer.categorize("meta", "meta__frobnicate", vague)).isEqualTo("meta-tools");
    assertThat(categorizer.categorize("other", "other__frobnicate", vague)).isEqualTo("other-tools");
  }

  @Test
  void theRulesOnlyFileToolsUnderConfiguredCategories() {
    ToolCategorizer payments = new ToolCategorizer(Map.of(), Map.of(), java.util.List.of(
        new io.mcphub.gateway.config.FilteringOptions.CategoryOption("payments", "charges and refunds", java.util.List.of())));
    assertThat(payments.categorize("x", "x__read_file", READ_FILE)).as("filesystem is not configured").isEqualTo("x");
  }

  @Test
  void aReloadedConfigKeepsWhatWasLearnedAndAChangedDescriptionIsAskedAgain() {
    ToolCategorizer before = new ToolCategorizer(Map.of(), Map.of());
    before.learn(ToolCategorizer.learningKey("x__read_file", READ_FILE), "web");
    ToolCategorizer after = new ToolCategorizer(Map.of(), Map.of()).withLearnedFrom(before);
    assertThat(after.categorize("x", "x__read_file", READ_FILE)).isEqualTo("web");
    JsonObject changed = READ_FILE.copy().put("description", "Read a file, now with globs");
    assertThat(after.knows(ToolCategorizer.learningKey("x__read_file", changed))).isFalse();
  }
}
