package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /api/events}: hub_state on connect, subscription events for list changes, log events for warnings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventsApiTest {

  @Test
  void listenersSeeTheHubStateListChangesAndWarnings() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))))) {
      BlockingQueue<String> events = new LinkedBlockingQueue<>();
      HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(hub.baseUrl() + "/api/events")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
      Thread reader = new Thread(() -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
          String event = null;
          for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith("event: ")) {
              event = line.substring(7);
            } else if (line.startsWith("data: ")) {
              events.add(event + " " + line.substring(6));
            }
          }
        } catch (java.io.IOException e) {
          // the stream ended
        }
      });
      reader.setDaemon(true);
      reader.start();

      assertThat(events.poll(10, TimeUnit.SECONDS)).startsWith("hub_state ").contains("\"state\":\"ready\"")
          .contains("\"port\":" + hub.port());
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      raw.call(session, "tools/call", new JsonObject().put("name", "fx__add_tool").put("arguments", new JsonObject().put("name", "brand_new")));
      assertThat(next(events, "subscription_event")).contains("\"type\":\"tool_list_changed\"").contains("\"server\":\"fx\"")
          .contains("brand_new");
      raw.call(session, "tools/call", new JsonObject().put("name", "fx__crash"));
      assertThat(next(events, "log")).contains("\"type\":\"warn\"").contains("upstream 'fx' process exited with code 3");
    }
  }

  private static String next(BlockingQueue<String> events, String type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      String event = events.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      if (event != null && event.startsWith(type + " ")) {
        return event;
      }
    }
    throw new AssertionError("no " + type + " event within 10 s");
  }
}
