package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exposure counts stay bounded however many categories the deployment derives over time. */
class FilteringStatsTest {

  @Test
  void categoryNamesBeyondTheCapAreCountedTogether() {
    FilteringStats stats = new FilteringStats();
    for (int i = 0; i < FilteringStats.MAX_CATEGORIES + 100; i++) {
      stats.recordAnalysis(new Analysis(List.of(), Set.of("server-" + i), "heuristic", "heuristic", 0.7, 1, "", null, null));
    }
    stats.recordAnalysis(new Analysis(List.of(), Set.of("server-0"), "heuristic", "heuristic", 0.7, 1, "", null, null));
    JsonObject exposed = stats.toJson().getJsonObject("exposuresByCategory");
    assertThat(exposed.size()).isEqualTo(FilteringStats.MAX_CATEGORIES + 1);
    assertThat(exposed.getLong("server-0")).isEqualTo(2);
    assertThat(exposed.getLong(FilteringStats.MORE)).isEqualTo(100);
  }
}
