package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.gateway.config.ConfigParser;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.metrics.HubMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hub asks its built-in heuristic in process (no event-bus hop), and the answer is the one its verticle gives over
 * the bus: no categorizer verticle is deployed here at first, so only the in-process call can answer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InProcessHeuristicTest {

  private static final List<CategoryDefinition> CATEGORIES = List.of(new CategoryDefinition("filesystem", "files and directories"),
      new CategoryDefinition("memory", "a knowledge graph of what the user told"));
  private static final String PROMPT = "read the file ~/notes/todo.md and list the directory";

  @Test
  void theHeuristicAnswersInProcessWithTheSameAnswerItsVerticleGivesOverTheBus(Vertx vertx) throws Exception {
    HubConfig config = new ConfigParser(name -> null).parse(new JsonObject()
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based")).put("mcpServers", new JsonObject()));
    FilteringOptions filtering = config.filtering();
    CategorizerDeployment categorizers = new CategorizerDeployment(vertx, filtering, config.pool(), null);
    HubMetrics metrics = HubMetrics.of(vertx);
    PromptAnalyzer local = new PromptAnalyzer(vertx, filtering, metrics, () -> CATEGORIES, categorizers.localHeuristic(filtering));
    PromptAnalyzer overTheBus = new PromptAnalyzer(vertx, filtering, metrics, () -> CATEGORIES);

    Analysis inProcess = await(local.analyze(PROMPT, "", "s1"));
    assertThat(inProcess.source()).isEqualTo("heuristic");
    assertThat(inProcess.exposed()).contains("filesystem");
    assertThat(await(overTheBus.analyze(PROMPT, "", "s1").map(a -> "answered").otherwise(e -> "failed: " + e.getMessage())))
        .as("no verticle serves the bus yet").startsWith("failed");

    await(categorizers.deploy());
    Analysis bus = await(overTheBus.analyze(PROMPT, "", "s1"));
    assertThat(bus.scores()).isEqualTo(inProcess.scores());
    assertThat(bus.exposed()).isEqualTo(inProcess.exposed());
    assertThat(bus.need()).isEqualTo(inProcess.need());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
