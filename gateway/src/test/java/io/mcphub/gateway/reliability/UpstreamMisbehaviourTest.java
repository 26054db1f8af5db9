package io.mcphub.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Blocking;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An upstream that answers with malformed responses, or floods the hub with {@code list_changed}: every call still
 * ends, with a clear error where the answer was unusable, and other calls are not held up.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UpstreamMisbehaviourTest {

  private static final List<String> SHAPES = List.of("string-error", "number-result", "array-result");

  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void everyMalformedAnswerFailsItsOwnCallAndNothingHangs() {
    int calls = Campaign.scaled(60);
    int clear = 0;
    try (McpSyncClient client = hub.client()) {
      for (int i = 0; i < calls; i++) {
        try {
          client.callTool(new McpSchema.CallToolRequest("fx__malformed", Map.of("shape", SHAPES.get(i % SHAPES.size()))));
        } catch (McpError error) {
          if (error.getMessage().contains("malformed response")) {
            clear++;
          }
        }
      }
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("fx__echo", Map.of("text", "after")))))
          .isEqualTo("echo: after");
    }
    Campaign.record("malformed upstream answers (string error, non-object result)", calls, calls - clear, 0);
    assertThat(clear).as("calls that ended with a clear 'malformed response' error").isEqualTo(calls);
  }

  @Test
  void aFloodOfListChangedIsCoalescedAndDoesNotHoldUpOtherCalls() throws Exception {
    int notifications = Campaign.scaled(2_000);
    int echoes = Campaign.scaled(50);
    try (McpSyncClient client = hub.client(); McpSyncClient other = hub.client()) {
      int listingsBefore = Integer.parseInt(text(client, "fx__list_count", Map.of()));
      CompletableFuture<String> flood = Blocking.supply(() -> text(client, "fx__flood", Map.of("count", notifications)));
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < echoes; i++) {
        String word = "w" + i;
        calls.add(Blocking.supply(() -> text(other, "fx__echo", Map.of("text", word))));
      }
      assertThat(flood.get(60, TimeUnit.SECONDS)).isEqualTo("flooded");
      int failed = 0;
      for (int i = 0; i < echoes; i++) {
        if (!("echo: w" + i).equals(calls.get(i).get(60, TimeUnit.SECONDS))) {
          failed++;
        }
      }
      // wait for the coalesced listings to finish, then count them
      String settled = text(client, "fx__echo", Map.of("text", "settled"));
      assertThat(settled).isEqualTo("echo: settled");
      int listings = Integer.parseInt(text(client, "fx__list_count", Map.of())) - listingsBefore;
      Campaign.record("list_changed flood (" + notifications + " notices) with " + echoes + " concurrent calls",
          echoes, failed, 0);
      assertThat(failed).isZero();
      assertThat(listings).as("tool listings the flood caused").isBetween(1, 5);
    }
  }

  private static String text(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return Results.text(client.callTool(new McpSchema.CallToolRequest(tool, arguments)));
  }
}
