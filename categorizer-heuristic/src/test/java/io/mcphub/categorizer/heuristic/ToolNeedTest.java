package io.mcphub.categorizer.heuristic;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategoryDefinition;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The heuristic's {@code toolNeed}: whether a request needs any tool at all, whatever tool words it contains. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ToolNeedTest {

  private static final double THRESHOLD = 0.7;
  private final HeuristicCategorizer heuristic = (HeuristicCategorizer) new HeuristicCategorizerFactory().create(null, null);

  private double need(String prompt) {
    Categorization answer = heuristic.categorize(new CategorizationRequest(prompt, "",
        List.of(new CategoryDefinition("version-control", ""), new CategoryDefinition("communication", "")), ""))
        .toCompletionStage().toCompletableFuture().join();
    assertThat(answer.toolNeed()).isNotNull();
    return answer.toolNeed();
  }

  @Test
  void actingOnTheUsersOwnThingsNeedsATool() {
    assertThat(need("Create a branch called fix-login in acme/web and open a PR")).isGreaterThanOrEqualTo(0.9);
    assertThat(need("Send the Q3 numbers to #finance right now")).isGreaterThanOrEqualTo(0.9);
    assertThat(need("Zeig mir die offenen Pull Requests")).isGreaterThanOrEqualTo(THRESHOLD);
  }

  @Test
  void conceptualQuestionsAndTextForTheChatNeedNone() {
    assertThat(need("Explain how git rebase differs from git merge")).isLessThan(THRESHOLD);
    assertThat(need("What does HTTP status 429 mean?")).isLessThan(THRESHOLD);
    assertThat(need("Write a haiku about Slack notifications")).isLessThan(THRESHOLD);
    assertThat(need("Draft a reply to the meeting invite, just show it here in chat")).isLessThan(THRESHOLD);
  }

  @Test
  void anExplicitActionOverridesANoToolCue() {
    assertThat(need("Write a poem about autumn")).isLessThan(need("Write a poem about autumn and send it to #random"));
    assertThat(need("Write a poem about autumn and send it to #random")).isGreaterThanOrEqualTo(THRESHOLD);
  }

  @Test
  void withoutACueEitherWayARequestIsTakenToNeedATool() {
    assertThat(need("pause spotify")).isGreaterThanOrEqualTo(THRESHOLD);
  }

  @Test
  void theReasoningSaysWhy() {
    Categorization answer = heuristic.categorize(new CategorizationRequest("Explain how git rebase works", "",
        List.of(new CategoryDefinition("version-control", "")), "")).toCompletionStage().toCompletableFuture().join();
    assertThat(answer.reasoning()).contains("tool need").contains("explain");
    assertThat(answer.toJson().getDouble("toolNeed")).isEqualTo(answer.toolNeed());
  }
}
