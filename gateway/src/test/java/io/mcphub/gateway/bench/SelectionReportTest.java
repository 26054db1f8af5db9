package io.mcphub.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SelectionReportTest {

  private static final JsonObject TASK = new JsonObject().put("id", "t1").put("kind", "multi-step")
      .put("needed", new JsonArray().add("github__get_file").add("slack__post_message"))
      .put("alternatives", new JsonArray().add(new JsonArray().add("github__get_file").add("gitlab__get_file")));

  @Test
  void aNeedIsMetByTheToolOrAnAlternativeOfIt() {
    assertThat(SelectionReport.recall(TASK, List.of("gitlab__get_file", "slack__post_message"))).isEqualTo(1.0);
    assertThat(SelectionReport.recall(TASK, List.of("gitlab__get_file"))).isEqualTo(0.5);
    assertThat(SelectionReport.recall(TASK, List.of("slack__list_channels"))).isEqualTo(0.0);
  }

  @Test
  void aTaskThatNeedsNoToolHasNoRecallButCountsItsListSize() {
    JsonObject negative = new JsonObject().put("id", "t2").put("kind", "negative").put("needed", new JsonArray());
    assertThat(SelectionReport.recall(negative, List.of("a__b"))).isNull();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SelectionReport.print(List.of(TASK, negative), List.of(new SelectionReport.Sample("t1", List.of("github__get_file"), 1.0),
        new SelectionReport.Sample("t2", List.of("a__b", "a__c"), 3.0)), new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("| multi-step | 1 | 50.0% | 0.0% | 1.0 | 1.0 | — |")
        .contains("| negative | 1 | — | — | 2.0 | 2.0 | 2.0 |")
        .contains("| overall | 2 | 50.0% | 0.0% | 1.5 | 1.5 | 2.0 | 1.00 | 3.00 |");
  }
}
