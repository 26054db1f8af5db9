package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ToolIndexTest {

  private static final IndexedTool ISSUES = ToolSearchTest.tool("tracker", "", "tracker__list_issues", "Lists issues.");
  private static final IndexedTool WEATHER = ToolSearchTest.tool("weather", "", "weather__forecast", "Weather forecast.");
  private static final IndexedTool MUSIC = ToolSearchTest.tool("music", "", "music__play", "Plays a song.");

  @Test
  void updatesMadeWhileARebuildRunsEndWithTheNewestListSearchable(Vertx vertx, VertxTestContext test) {
    ToolIndex index = ToolIndex.create(vertx);
    vertx.runOnContext(v -> {
      Future<Void> first = index.update(List.of(ISSUES));
      Future<Void> second = index.update(List.of(ISSUES, WEATHER));
      Future<Void> third = index.update(List.of(MUSIC));
      Future.all(first, second, third).onComplete(test.succeeding(done -> test.verify(() -> {
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.search("play a song", 5)).extracting(ToolMatch::name).containsExactly("music__play");
        assertThat(index.search("list issues", 5)).isEmpty();
        test.completeNow();
      })));
    });
  }

  @Test
  void aNewIndexIsEmptyAndAnEmptyListEmptiesIt(Vertx vertx, VertxTestContext test) {
    ToolIndex index = ToolIndex.create(vertx);
    assertThat(index.search("list issues", 5)).isEmpty();
    vertx.runOnContext(v -> index.update(List.of(ISSUES))
        .compose(done -> {
          test.verify(() -> assertThat(index.search("list issues", 5)).hasSize(1));
          return index.update(List.of());
        })
        .onComplete(test.succeeding(done -> test.verify(() -> {
          assertThat(index.size()).isZero();
          assertThat(index.search("list issues", 5)).isEmpty();
          test.completeNow();
        }))));
  }
}
