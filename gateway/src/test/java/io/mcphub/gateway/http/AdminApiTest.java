package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Operators list, inspect, stop, start and restart servers, and see sessions with their exposure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminApiTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> call(TestHub hub, String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + path)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  @Test
  void serversCanBeInspectedStoppedStartedAndRestarted() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")).put("fy", TestHub.fixture("fy"))));
        McpSyncClient client = hub.client()) {
      JsonObject list = new JsonObject(call(hub, "GET", "/api/servers", null).body());
      assertThat(list.getJsonArray("servers").stream().map(s -> ((JsonObject) s).getString("name"))).containsExactly("fx", "fy");
      JsonObject fx = list.getJsonArray("servers").getJsonObject(0);
      assertThat(fx.getString("status")).isEqualTo("connected");
      assertThat(fx.getString("transportType")).isEqualTo("stdio");
      assertThat(fx.getJsonObject("capabilities").getJsonArray("tools")).hasSize(TestHub.FIXTURE_TOOLS);
      assertThat(fx.getJsonObject("serverInfo").getString("name")).isEqualTo("fx");

      HttpResponse<String> stopped = call(hub, "POST", "/api/servers/stop", "{\"server_name\": \"fx\"}");
      assertThat(new JsonObject(stopped.body()).getJsonObject("server").getString("status")).isEqualTo("stopped");
      Await.until(() -> names(client).stream().noneMatch(n -> n.startsWith("fx__")));

      HttpResponse<String> started = call(hub, "POST", "/api/servers/start", "{\"server_name\": \"fx\"}");
      assertThat(new JsonObject(started.body()).getJsonObject("server").getString("status")).isEqualTo("connected");
      Await.until(() -> names(client).contains("fx__echo"));

      HttpResponse<String> restarted = call(hub, "POST", "/api/servers/restart", "{\"server_name\": \"fy\"}");
      assertThat(new JsonObject(restarted.body()).getJsonObject("server").getString("status")).isEqualTo("connected");
      assertThat(new JsonObject(call(hub, "POST", "/api/servers/info", "{\"server_name\": \"fy\"}").body())
          .getJsonObject("server").getString("lastStarted")).isNotNull();
    }
  }

  @Test
  void aStartOrRestartThatFailsIsReportedAsAFailureWithTheReason() throws Exception {
    JsonObject broken = new JsonObject().put("command", "/nonexistent/mcp-server");
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("broken", broken).put("fx", TestHub.fixture("fx"))))) {
      for (String action : List.of("start", "restart")) {
        HttpResponse<String> answer = call(hub, "POST", "/api/servers/" + action, "{\"server_name\": \"broken\"}");
        assertThat(answer.statusCode()).as(action).isEqualTo(502);
        JsonObject body = new JsonObject(answer.body());
        assertThat(body.getString("status")).isEqualTo("error");
        assertThat(body.getString("code")).isEqualTo("SERVER_START_FAILED");
        assertThat(body.getString("error")).startsWith("server \"broken\" failed to start: ").contains("cannot start").contains("(ref ");
        assertThat(body.getJsonObject("server").getString("status")).isNotEqualTo("connected");
      }
      assertThat(call(hub, "POST", "/api/servers/restart", "{\"server_name\": \"fx\"}").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void badRequestsNameTheProblem() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))))) {
      HttpResponse<String> missing = call(hub, "POST", "/api/servers/stop", "{}");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(missing.body()).getString("code")).isEqualTo("VALIDATION_ERROR");
      HttpResponse<String> unknown = call(hub, "POST", "/api/servers/info", "{\"server_name\": \"nope\"}");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(new JsonObject(unknown.body()).getString("error")).contains("nope").contains("servers: fx");
      assertThat(call(hub, "POST", "/api/servers/start", "not json").statusCode()).isEqualTo(400);
      HttpRequest crossSite = HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/servers/stop")).header("Origin", "https://evil.example")
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"server_name\": \"fx\"}")).build();
      assertThat(HTTP.send(crossSite, HttpResponse.BodyHandlers.ofString()).statusCode()).as("no cross-site requests").isEqualTo(403);
    }
  }

  @Test
  void sessionsShowTheirExposure() throws Exception {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "memory")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
    try (TestHub hub = TestHub.start(config); McpSyncClient client = hub.client()) {
      client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", "Remember that I like tea")));
      JsonObject sessions = new JsonObject(call(hub, "GET", "/api/sessions", null).body());
      JsonObject session = sessions.getJsonArray("sessions").getJsonObject(0);
      assertThat(session.getJsonArray("exposedCategories").getList()).containsExactly("memory");
      assertThat(session.getInteger("visibleTools")).as("every fixture tool is in memory")
          .isEqualTo(hub.<Integer>onHub(h -> h.upstream("fx").catalog().list(io.mcphub.gateway.upstream.ListKind.TOOLS).size()));
      assertThat(session.getString("protocolVersion")).isNotBlank();
      assertThat(session.containsKey("id")).as("a session's id is its creator's secret").isFalse();
      assertThat(session.getString("handle")).hasSize(16);
      String id = hub.onHub(h -> h.sessions().all().iterator().next().id());
      assertThat(sessions.encode()).doesNotContain(id);
      assertThat(id).as("192 random bits, URL-safe Base64").matches("[A-Za-z0-9_-]{32}");
    }
  }
}
