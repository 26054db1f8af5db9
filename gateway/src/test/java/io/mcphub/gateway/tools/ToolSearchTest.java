package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ToolSearchTest {

  private static final List<IndexedTool> CATALOG = List.of(
      tool("tracker", "Issue tracker", "tracker__list_issues", "Lists the issues of a repository, newest first.", "repo", "state"),
      tool("tracker", "Issue tracker", "tracker__create_pull_request", "Opens a pull request from a branch.", "head", "base"),
      tool("ci", "", "ci__getJobLogs", "Returns the output of one job run.", "jobId"),
      tool("weather", "Weather service", "weather__current", "Current conditions and forecasts for a place.", "latitude", "longitude"),
      tool("music", "Spotify player", "music__play", "Starts playback of a track or playlist.", "uri"),
      tool("files", "", "files__read_file", "Reads a text file from disk.", "path"));

  private final ToolSearch search = ToolSearch.build(CATALOG).withSpellings();

  @Test
  void theToolWhoseNameSaysWhatTheRequestAsksForRanksFirst() {
    assertThat(names(search.search("show me the open issues in acme/api", 3))).first().isEqualTo("tracker__list_issues");
    assertThat(names(search.search("open a pull request for my branch", 3))).first().isEqualTo("tracker__create_pull_request");
  }

  @Test
  void identifiersInTheRequestAreSplitIntoWordsLikeToolNames() {
    assertThat(names(search.search("why did get_job_logs fail", 1))).containsExactly("ci__getJobLogs");
    assertThat(names(search.search("readFile on notes.txt", 1))).containsExactly("files__read_file");
  }

  @Test
  void parametersAndTheServersOwnWordsCount() {
    assertThat(names(search.search("what is it like at latitude 48.8", 1))).containsExactly("weather__current");
    assertThat(names(search.search("put something on spotify", 1))).containsExactly("music__play");
  }

  @Test
  void wordsMatchAcrossEnglishInflections() {
    assertThat(names(search.search("forecast for tomorrow", 1))).containsExactly("weather__current");
    assertThat(names(search.search("playing my running playlist", 1))).containsExactly("music__play");
  }

  @Test
  void aRequestThatSharesNoWordWithAnyToolFindsNothing() {
    assertThat(search.search("bonjour, comment ça va ?", 5)).isEmpty();
    assertThat(ToolSearch.empty().search("list issues", 5)).isEmpty();
  }

  @Test
  void resultsAreCappedRankedAndCarryAConfidenceBelowOne() {
    List<ToolMatch> matches = search.search("list issues, open a pull request, read a file, play a track", 2);
    assertThat(matches).hasSize(2);
    assertThat(matches.get(0).score()).isGreaterThanOrEqualTo(matches.get(1).score());
    assertThat(matches).allSatisfy(m -> assertThat(m.confidence()).isGreaterThan(0).isLessThan(1));
    assertThat(ToolSearch.confidence(2 * ToolSearch.HALF_CONFIDENCE_SCORE)).isGreaterThan(ToolSearch.confidence(ToolSearch.HALF_CONFIDENCE_SCORE));
    assertThat(ToolSearch.confidence(ToolSearch.HALF_CONFIDENCE_SCORE)).isEqualTo(0.5);
  }

  @Test
  void aToolThatSharesASingleWordWithTheRequestGetsLessConfidenceThanItsScoreAlone() {
    ToolMatch oneWord = search.search("playlist", 1).get(0);
    ToolMatch twoWords = search.search("playlist track", 1).get(0);
    assertThat(oneWord.name()).isEqualTo("music__play");
    assertThat(oneWord.confidence()).isEqualTo(ToolSearch.confidence(oneWord.score()) * ToolSearch.SINGLE_WORD_FACTOR);
    assertThat(twoWords.confidence()).isEqualTo(ToolSearch.confidence(twoWords.score()));
  }

  @Test
  void aWordFoundInSeveralFieldsIsStillOneWordAndACorrectedMisspellingCountsAsAWord() {
    List<ToolMatch> apart = search.search("issues playback", 5);
    assertThat(names(apart)).contains("tracker__list_issues", "tracker__create_pull_request", "music__play");
    assertThat(apart).as("each tool matches one of the words, some of them in several fields")
        .allSatisfy(m -> assertThat(m.confidence()).isEqualTo(ToolSearch.confidence(m.score()) * ToolSearch.SINGLE_WORD_FACTOR));
    ToolMatch corrected = search.search("track playbak", 1).get(0);
    assertThat(corrected.name()).isEqualTo("music__play");
    assertThat(corrected.confidence()).isEqualTo(ToolSearch.confidence(corrected.score()));
  }

  @Test
  void aMalformedDefinitionIsIndexedByWhatItHasRight() {
    JsonObject odd = new JsonObject().put("name", "odd__thing").put("title", 42).put("description", new JsonObject())
        .put("inputSchema", new JsonObject().put("properties", new JsonObject().put("colour", "not a schema")));
    ToolSearch withOdd = ToolSearch.build(List.of(new IndexedTool("odd__thing", "odd", "", odd)));
    assertThat(names(withOdd.search("colour thing", 5))).containsExactly("odd__thing");
  }

  @Test
  void aVeryLongRequestStillFindsTheNeedBuriedAtItsEnd() {
    StringBuilder prompt = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      prompt.append("word").append(i).append(' ');
    }
    prompt.append("then read the file");
    assertThat(names(search.search(prompt.toString(), 1))).containsExactly("files__read_file");
  }

  @Test
  void eachStepOfAMultiStepRequestGetsItsTools() {
    String request = "List the open issues of acme/api, the issues labelled bug and the issues nobody answered, "
        + "then play something";
    assertThat(ToolText.clauses(request)).containsExactly("List the open issues of acme/api", "the issues labelled bug",
        "the issues nobody answered", "play something");
    List<ToolMatch> found = search.search(request, 2);
    assertThat(names(found)).containsExactly("tracker__list_issues", "music__play");
    assertThat(found.get(1).score()).isLessThan(found.get(0).score());
  }

  @Test
  void aMisspelledWordStillFindsTheToolButWeighsLessThanTheRightSpelling() {
    List<ToolMatch> typo = search.search("wats the wether in nyc", 3);
    assertThat(names(typo)).first().isEqualTo("weather__current");
    assertThat(typo.get(0).score()).isLessThan(search.search("whats the weather in nyc", 1).get(0).score());
    assertThat(search.search("zzzzzz qqqqqq", 3)).as("nothing one edit away").isEmpty();
  }

  @Test
  void onlyTheFirstClausesAreSearchedOneByOne() {
    List<ToolMatch> twoSteps = search.search("list the open issues; then play something", 2);
    assertThat(names(twoSteps)).containsExactly("tracker__list_issues", "music__play");
    assertThat(twoSteps.get(1).score()).as("its own clause lifts the second step's tool")
        .isCloseTo(ToolSearch.CLAUSE_SHARE * twoSteps.get(0).score(), org.assertj.core.data.Offset.offset(1e-6));
    List<ToolMatch> manySteps = search.search("list the open issues; ".repeat(ToolSearch.MAX_CLAUSES) + "then play something", 2);
    assertThat(manySteps.get(1).name()).isEqualTo("music__play");
    assertThat(manySteps.get(1).score()).as("a step beyond the clauses searched alone keeps its whole-request score")
        .isLessThan(ToolSearch.CLAUSE_SHARE * manySteps.get(0).score() * 0.9);
  }

  @Test
  void pronounsAndAuxiliariesDoNotSingleOutATool() {
    ToolSearch withMe = ToolSearch.build(List.of(tool("hub", "", "hub__get_me", "Returns the signed-in user's profile."),
        tool("hub", "", "hub__list_notifications", "Lists your unread notifications.")));
    assertThat(withMe.search("can you show me what I have", 5)).isEmpty();
    assertThat(names(withMe.search("show me my notifications", 5))).containsExactly("hub__list_notifications");
  }

  static IndexedTool tool(String server, String serverTitle, String name, String description, String... parameters) {
    JsonObject properties = new JsonObject();
    for (String parameter : parameters) {
      properties.put(parameter, new JsonObject().put("type", "string"));
    }
    JsonObject definition = new JsonObject().put("name", name).put("description", description)
        .put("inputSchema", new JsonObject().put("type", "object").put("properties", properties));
    return new IndexedTool(name, server, serverTitle, definition);
  }

  private static List<String> names(List<ToolMatch> matches) {
    return matches.stream().map(ToolMatch::name).toList();
  }
}
