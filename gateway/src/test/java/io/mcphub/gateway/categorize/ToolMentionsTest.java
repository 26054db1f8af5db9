package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ToolMentionsTest {

  private static final List<CatalogEntry> TOOLS = List.of(
      tool("memory", "read_graph"), tool("calculator", "calculate"), tool("thinking", "think"),
      tool("hackernews", "getStoryWithComments"), tool("weather", "get-forecast"), tool("github", "create_issue"),
      tool("docs", "pages.search"));

  @Test
  void identifiersAreMentions() {
    assertThat(named("call read_graph and tell me what you know")).containsExactly("memory__read_graph");
    assertThat(named("use getStoryWithComments on the top story")).containsExactly("hackernews__getStoryWithComments");
    assertThat(named("run get-forecast for Lyon")).containsExactly("weather__get-forecast");
    assertThat(named("file it with github__create_issue please")).containsExactly("github__create_issue");
    assertThat(named("try pages.search.")).containsExactly("docs__pages.search");
  }

  @Test
  void aPlainWordThatIsAToolNameIsNotAMention() {
    assertThat(named("calculate how long the migration took and think about why")).isEmpty();
    assertThat(named("let me think")).isEmpty();
  }

  @Test
  void aPlainWordWrittenAsCodeIsAMention() {
    assertThat(named("use `calculate` for 98,765 x 43,210")).containsExactly("calculator__calculate");
    assertThat(named("call think() before answering")).containsExactly("thinking__think");
  }

  @Test
  void wordsInsideOtherWordsAreNotMentions() {
    assertThat(named("the read_graphs table and precreate_issue hook")).isEmpty();
  }

  private static Set<String> named(String prompt) {
    return ToolMentions.in(prompt, TOOLS).values().stream().flatMap(Set::stream).collect(Collectors.toSet());
  }

  private static CatalogEntry tool(String server, String name) {
    String namespaced = server + "__" + name;
    return new CatalogEntry(namespaced, null, name, server, new JsonObject().put("name", namespaced));
  }
}
