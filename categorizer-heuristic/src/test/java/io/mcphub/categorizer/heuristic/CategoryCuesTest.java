package io.mcphub.categorizer.heuristic;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Categories the lexicon does not know (a hub's categories derived from its servers) are scored from their own words. */
class CategoryCuesTest {

  private static final List<CategoryDefinition> TAXONOMY = List.of(
      new CategoryDefinition("filesystem", "reading, writing, listing, searching local files and directories"),
      new CategoryDefinition("web", "fetching URLs and web pages, HTTP/REST requests, browser automation"),
      new CategoryDefinition("communication", "Slack, email, Discord, Teams messages, notifications, calendar invites"));
  private static final List<CategoryDefinition> DERIVED = List.of(
      new CategoryDefinition("stripe", "Stripe: customers, products, prices, payment links, invoices, refunds, subscriptions",
          List.of("stripe__create_refund", "stripe__list_customers"), 22),
      new CategoryDefinition("google-maps", "Google Maps: geocoding, place search and details, directions, travel distances"),
      new CategoryDefinition("atlassian", "Atlassian (Jira + Confluence): search and edit Jira issues and Confluence pages"),
      new CategoryDefinition("word", "Word documents: creates, reads and edits Microsoft Word .docx files"),
      new CategoryDefinition("time", "Time: tells the current time in any IANA time zone and converts between zones"),
      new CategoryDefinition("trains", "Rail: searches train connections, create bookings, list search results"));

  private final HeuristicCategorizer heuristic = new HeuristicCategorizer(Lexicon.bundled());

  private Map<String, Double> scores(String prompt, List<CategoryDefinition> categories) {
    Categorization answer = heuristic.categorize(new CategorizationRequest(prompt, "", categories, "s")).result();
    return answer.scores().stream().collect(Collectors.toMap(CategoryScore::category, CategoryScore::confidence));
  }

  private Map<String, Double> scores(String prompt) {
    List<CategoryDefinition> all = new ArrayList<>(TAXONOMY);
    all.addAll(DERIVED);
    return scores(prompt, all);
  }

  @Test
  void theWholeNameOfADerivedCategoryIsStrongEvidence() {
    assertThat(scores("Show me the way to the station on Google Maps").get("google-maps")).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void oneNameWordNeedsAnotherPieceOfEvidence() {
    assertThat(scores("Refund the last payment of this customer in Stripe").get("stripe")).isGreaterThanOrEqualTo(0.7);
    assertThat(scores("Tell me about stripe patterns in zebras").get("stripe")).isLessThan(0.7);
    assertThat(scores("Open the Jira ticket and update it").get("atlassian")).as("a proper name of its description")
        .isGreaterThan(0.5).isLessThan(0.7);
  }

  @Test
  void commonWordsThatNameACategoryDoNotExposeIt() {
    Map<String, Double> scores = scores("Write a 500-word essay about the history of time keeping");
    assertThat(scores.get("word")).isLessThan(0.7);
    assertThat(scores.get("time")).isLessThan(0.7);
  }

  @Test
  void genericAndSharedDescriptionWordsGiveNothing() {
    Map<String, Double> scores = scores("create a list of search results");
    assertThat(scores.get("trains")).isZero();
    assertThat(scores("find the travel distances between the places").get("google-maps")).as("weak words only")
        .isGreaterThan(0).isLessThanOrEqualTo(PromptScorer.WEAK_ONLY_CAP);
  }

  @Test
  void taxonomyScoresDoNotChangeWhenDerivedCategoriesAreAsked() {
    for (String prompt : List.of("Read the config file in my home directory", "Post the release notes in #general on Slack",
        "Fetch https://example.com and refund the Stripe payment")) {
      Map<String, Double> alone = scores(prompt, TAXONOMY);
      Map<String, Double> together = scores(prompt);
      alone.forEach((category, confidence) -> assertThat(together.get(category)).as(prompt + " / " + category).isEqualTo(confidence));
    }
  }

  @Test
  void aRequestThatNeedsNoToolLowersDerivedCategoriesToo() {
    assertThat(scores("Explain in general terms what Google Maps is and how it became popular").get("google-maps"))
        .isLessThan(0.7);
  }

  @Test
  void theReasoningNamesTheCategoryWordsThatFired() {
    Categorization answer = heuristic.categorize(new CategorizationRequest("Refund the last payment in Stripe", "",
        DERIVED, "s")).result();
    assertThat(answer.reasoning()).contains("stripe: ").contains("refund").doesNotContain("last payment");
  }
}
