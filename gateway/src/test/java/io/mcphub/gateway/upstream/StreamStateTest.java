package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When the hub reconnects an upstream's SSE stream: the server's retry, longer after fruitless tries, then never. */
@Timeout(10)
class StreamStateTest {

  @Test
  void theServersRetryIsHonouredAndAStreamThatBroughtEventsResetsTheCount() {
    StreamState post = new StreamState(7L, 0);
    post.lastEventId = "e-1";
    post.retryMs = 500;
    post.sawEvent = true;
    StreamState resumed = post.next();
    assertThat(resumed.reconnectDelayMs()).isEqualTo(500);
    assertThat(resumed.relatedId).isEqualTo(7L);
    assertThat(resumed.lastEventId).isEqualTo("e-1");
    assertThat(resumed.exhausted()).isFalse();
  }

  @Test
  void fruitlessReconnectionsBackOffUpToTheCapAndEndAfterTheLimit() {
    StreamState state = new StreamState(null, 0);
    state.retryMs = 4_000;
    List<Long> delays = new ArrayList<>();
    while (!(state = state.next()).exhausted()) {
      delays.add(state.reconnectDelayMs());
    }
    assertThat(delays).containsExactly(4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
    assertThat(state.failedReconnects).isEqualTo(StreamState.MAX_RECONNECTS + 1);
  }

  @Test
  void withoutRetryTheDefaultIsUsedAndAHugeRetryIsCapped() {
    assertThat(new StreamState(null, 1).reconnectDelayMs()).isEqualTo(StreamState.DEFAULT_RECONNECT_DELAY_MS);
    StreamState greedy = new StreamState(null, 1);
    greedy.retryMs = 3_600_000;
    assertThat(greedy.reconnectDelayMs()).isEqualTo(StreamState.MAX_RECONNECT_DELAY_MS);
  }
}
