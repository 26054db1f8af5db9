package io.mcphub.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9, "during a restart calls get a retryable error": while a crashed stdio server restarts, {@code tools/call}
 * and {@code hub__call_tool} of its tools answer {@code UPSTREAM_UNAVAILABLE} naming the server and saying to retry —
 * never "Unknown tool", which stays the answer for names no configured server owns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestartCallTest {

  @Test
  void callsDuringARestartAreToldToRetryNotThatTheToolIsUnknown() throws Exception {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")))
        // a server that crashes again soon after a restart backs off exponentially; cap it so many rounds stay quick
        .put("hub", new JsonObject().put("restartInitialDelayMs", 300).put("restartMaxDelayMs", 1_200))
        .put("toolFiltering", new JsonObject().put("enabled", true).put("mode", "prompt-based")
            .put("promptBasedFiltering", new JsonObject().put("defaultExposure", "all")));
    int attempts = Campaign.scaled(4);
    long failures = 0;
    try (TestHub hub = TestHub.start(config)) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      for (int i = 0; i < attempts; i++) {
        Await.until(() -> hub.onHub(h -> h.upstream("fx").state()) == UpstreamState.CONNECTED);
        raw.call(session, "tools/call", new JsonObject().put("name", "fx__crash"));
        JsonObject direct = raw.call(session, "tools/call", new JsonObject().put("name", "fx__echo")
            .put("arguments", new JsonObject().put("text", "hi")));
        JsonObject viaMeta = raw.call(session, "tools/call", new JsonObject().put("name", "hub__call_tool")
            .put("arguments", new JsonObject().put("name", "fx__echo").put("arguments", new JsonObject().put("text", "hi"))));
        boolean restarting = hub.onHub(h -> h.upstream("fx").state()) != UpstreamState.CONNECTED;
        if (restarting && !(isRetryable(direct) && isRetryableToolError(viaMeta))) {
          failures++;
        }
      }
      JsonObject unknown = raw.call(session, "tools/call", new JsonObject().put("name", "nosuchserver__echo"));
      assertThat(unknown.getJsonObject("error").getString("message")).isEqualTo("Unknown tool: nosuchserver__echo");
      Await.until(() -> hub.onHub(h -> h.upstream("fx").state()) == UpstreamState.CONNECTED);
      JsonObject missing = raw.call(session, "tools/call", new JsonObject().put("name", "fx__nosuchtool"));
      assertThat(missing.getJsonObject("error").getString("message")).isEqualTo("Unknown tool: fx__nosuchtool");
    }
    Campaign.record("tools/call and hub__call_tool while a crashed stdio server restarts: answers not UPSTREAM_UNAVAILABLE",
        attempts, failures, 0);
    assertThat(failures).isZero();
  }

  private static boolean isRetryable(JsonObject response) {
    JsonObject error = response.getJsonObject("error");
    return error != null && error.getInteger("code") == -32000 && error.getString("message").contains("'fx'")
        && error.getString("message").contains("retry");
  }

  private static boolean isRetryableToolError(JsonObject response) {
    JsonObject result = response.getJsonObject("result");
    String text = result == null ? "" : result.getJsonArray("content").getJsonObject(0).getString("text");
    return result != null && result.getBoolean("isError", false) && text.contains("'fx'") && text.contains("retry");
  }
}
