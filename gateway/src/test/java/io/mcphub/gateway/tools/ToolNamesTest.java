package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolNamesTest {

  @Test
  void serverKeysAreMadeSafeAndJoinedWithTheSeparator() {
    assertThat(ToolNames.serverId("my server.v2")).isEqualTo("my_server_v2");
    assertThat(ToolNames.namespaced("github", "create_issue")).isEqualTo("github__create_issue");
    assertThat(ToolNames.namespaced("fs", "read file/now")).isEqualTo("fs__read_file_now");
    assertThat(ToolNames.namespaced("fs", "get.v2-x")).isEqualTo("fs__get.v2-x");
  }

  @Test
  void longNamesStayWithin128CharactersAndStayDistinct() {
    String a = ToolNames.namespaced("server", "x".repeat(200) + "a");
    String b = ToolNames.namespaced("server", "x".repeat(200) + "b");
    assertThat(a).hasSize(128).matches("[A-Za-z0-9_.-]+");
    assertThat(a).isNotEqualTo(b);
    assertThat(ToolNames.namespaced("server", "x".repeat(200) + "a")).isEqualTo(a);
  }

  @Test
  void collisionSuffixesAreDeterministicAndBounded() {
    assertThat(ToolNames.withSuffix("fs__read", 2)).isEqualTo("fs__read_2");
    assertThat(ToolNames.withSuffix("y".repeat(128), 3)).hasSize(128).endsWith("_3");
  }

  @Test
  void aServerThatKeepsItsNamesListsThemAsTheyAreAndThePrefixRulesHold() {
    assertThat(ToolNames.listedName(null, "test_simple_text")).isEqualTo("test_simple_text");
    assertThat(ToolNames.listedName("gh", "create_issue")).isEqualTo("gh__create_issue");
    assertThat(ToolNames.isValidNamespace("gh-2_x")).isTrue();
    assertThat(ToolNames.isValidNamespace("")).isFalse();
    assertThat(ToolNames.isValidNamespace("a.b")).isFalse();
    assertThat(ToolNames.isValidNamespace("x".repeat(65))).isFalse();
    assertThat(ToolNames.isMetaName("hub__analyze_prompt")).isTrue();
    assertThat(ToolNames.isMetaName("hubble__x")).isFalse();
  }
}
