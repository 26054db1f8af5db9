package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order that decides a tool's category, and learned categories surviving a reloaded config. */
class ToolCategorizerTest {

  private static final JsonObject READ_FILE = new JsonObject().put("name", "read_file").put("description", "Read a file");

  @Test
  void customMappingThenServerCategoryThenLearnedThenRulesThenOther() {
    ToolCategorizer categorizer = new ToolCategorizer(Map.of("FS__READ_*", "search"), Map.of("db", "database"));
    assertThat(categorizer.categorize("fs", "fs__read_file", READ_FILE)).isEqualTo("search");
    assertThat(categorizer.categorize("db", "db__read_file", READ_FILE)).isEqualTo("database");
    assertThat(categorizer.categorize("x", "x__read_file", READ_FILE)).isEqualTo("filesystem");
    assertThat(categorizer.categorize("x", "x__frobnicate", new JsonObject().put("name", "frobnicate"))).isEqualTo("other");
    categorizer.learn(ToolCategorizer.learningKey("x__read_file", READ_FILE), "web");
    assertThat(categorizer.categorize("x", "x__read_file", READ_FILE)).isEqualTo("web");
    assertThat(categorizer.learnable("db", "db__read_file")).isFalse();
    assertThat(categorizer.learnable("x", "x__read_file")).isTrue();
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
