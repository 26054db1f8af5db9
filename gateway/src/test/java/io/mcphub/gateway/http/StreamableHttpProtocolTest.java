package io.mcphub.gateway.http;

import io.mcphub.gateway.support.Blocking;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streamable HTTP edge cases a well-behaved SDK never sends: each gets the right status and a clear error. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamableHttpProtocolTest {

  private static TestHub hub;
  private static RawMcp raw;

  @BeforeAll
  static void startHub() {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")))
        .put("hub", new JsonObject().put("allowedOrigins", new JsonArray().add("https://app.example.com"))
            .put("maxBodyBytes", 64 * 1024));
    hub = TestHub.start(config);
    raw = new RawMcp(hub.mcpUrl());
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void initializeNegotiatesEachSupportedRevisionAndFallsBackToTheNewest() {
    for (String version : new String[] {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"}) {
      HttpResponse<String> response = raw.post(RawMcp.initializeBody(version), RawMcp.headers(null));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
      assertThat(result(response).getString("protocolVersion")).isEqualTo(version);
    }
    HttpResponse<String> future = raw.post(RawMcp.initializeBody("2099-01-01"), RawMcp.headers(null));
    assertThat(result(future).getString("protocolVersion")).isEqualTo("2025-11-25");
  }

  @Test
  void malformedJsonIsAParseError() {
    HttpResponse<String> response = raw.post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\":", RawMcp.headers(null));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).getInteger("code")).isEqualTo(-32700);
  }

  @Test
  void aMissingSessionIs400AndAnUnknownOrEndedSessionIs404() {
    String call = request("tools/list", null);
    HttpResponse<String> missing = raw.post(call, RawMcp.headers(null));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(error(missing).getString("message")).contains("Mcp-Session-Id");

    assertThat(raw.post(call, RawMcp.headers("no-such-session")).statusCode()).isEqualTo(404);

    String session = raw.initialize("2025-11-25");
    assertThat(raw.post(call, RawMcp.headers(session)).statusCode()).isEqualTo(200);
    assertThat(raw.request("DELETE", Map.of("Mcp-Session-Id", session)).statusCode()).isEqualTo(200);
    assertThat(raw.post(call, RawMcp.headers(session)).statusCode()).isEqualTo(404);
    assertThat(raw.request("DELETE", Map.of("Mcp-Session-Id", session)).statusCode()).isEqualTo(404);
  }

  @Test
  void aWrongAcceptIs406AndAWrongContentTypeIs415() {
    Map<String, String> headers = new HashMap<>(RawMcp.headers(null));
    headers.put("Accept", "text/html");
    assertThat(raw.post(RawMcp.initializeBody("2025-11-25"), headers).statusCode()).isEqualTo(406);
    headers = new HashMap<>(RawMcp.headers(null));
    headers.put("Content-Type", "text/plain");
    assertThat(raw.post(RawMcp.initializeBody("2025-11-25"), headers).statusCode()).isEqualTo(415);
  }

  @Test
  void foreignOriginsAre403LocalAndConfiguredOnesPass() {
    Map<String, String> headers = new HashMap<>(RawMcp.headers(null));
    headers.put("Origin", "https://evil.example.net");
    HttpResponse<String> foreign = raw.post(RawMcp.initializeBody("2025-11-25"), headers);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(error(foreign).getString("message")).contains("https://evil.example.net").contains("hub.allowedOrigins");

    headers.put("Origin", "http://localhost:5173");
    assertThat(raw.post(RawMcp.initializeBody("2025-11-25"), headers).statusCode()).isEqualTo(200);
    headers.put("Origin", "https://app.example.com");
    assertThat(raw.post(RawMcp.initializeBody("2025-11-25"), headers).statusCode()).isEqualTo(200);
  }

  @Test
  void aForeignHostHeaderIs403ForALoopbackHub() throws Exception {
    // java.net.http refuses to set Host, so this one goes over a plain socket
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.port())) {
      String body = RawMcp.initializeBody("2025-11-25");
      String request = "POST /mcp HTTP/1.1\r\nHost: attacker.example:80\r\nContent-Type: application/json\r\n"
          + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
          + "\r\nConnection: close\r\n\r\n" + body;
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void anOversizeBodyIs413() {
    String session = raw.initialize("2025-11-25");
    String huge = new JsonObject().put("jsonrpc", "2.0").put("id", 9).put("method", "tools/call").put("params",
        new JsonObject().put("name", "fx__echo").put("arguments", new JsonObject().put("text", "x".repeat(100_000)))).encode();
    HttpResponse<String> response = raw.post(huge, RawMcp.headers(session));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(error(response).getString("message")).contains("hub.maxBodyBytes");
  }

  @Test
  void unknownMethodsAndInvalidParamsAreJsonRpcErrors() {
    String session = raw.initialize("2025-11-25");
    assertThat(raw.call(session, "no/such/method", null).getJsonObject("error").getInteger("code")).isEqualTo(-32601);
    JsonObject noName = raw.call(session, "tools/call", new JsonObject().put("arguments", new JsonObject()));
    assertThat(noName.getJsonObject("error").getInteger("code")).isEqualTo(-32602);
    assertThat(noName.getJsonObject("error").getString("message")).contains("params.name");
    JsonObject badArgs = raw.call(session, "tools/call", new JsonObject().put("name", "fx__echo").put("arguments", "text"));
    assertThat(badArgs.getJsonObject("error").getString("message")).contains("params.arguments must be an object");
    JsonObject badLevel = raw.call(session, "logging/setLevel", new JsonObject().put("level", "loud"));
    assertThat(badLevel.getJsonObject("error").getString("message")).contains("loud").contains("debug");
  }

  @Test
  void anUnsupportedProtocolVersionHeaderIsRefusedAndASupportedOneAccepted() {
    Map<String, String> headers = new HashMap<>(RawMcp.headers(raw.initialize("2025-06-18")));
    headers.put("MCP-Protocol-Version", "1999-01-01");
    HttpResponse<String> unsupported = raw.post(request("tools/list", null), headers);
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(error(unsupported).getString("message")).contains("MCP-Protocol-Version 1999-01-01").contains("2025-06-18");
    headers.put("MCP-Protocol-Version", "2025-03-26");
    assertThat(raw.post(request("tools/list", null), headers).statusCode()).isEqualTo(200);
  }

  @Test
  void batchesAreRejectedFromRevisionsThatRemovedThemAndServedForOlderOnes() {
    String batch = new JsonArray().add(new JsonObject(request("ping", null)))
        .add(new JsonObject(request("tools/list", null))).encode();
    HttpResponse<String> modern = raw.post(batch, RawMcp.headers(raw.initialize("2025-11-25")));
    assertThat(modern.statusCode()).isEqualTo(400);
    assertThat(error(modern).getString("message")).contains("batches");

    HttpResponse<String> older = raw.post(batch, RawMcp.headers(raw.initialize("2025-03-26")));
    assertThat(older.statusCode()).isEqualTo(200);
    JsonArray answers = new JsonArray(older.body());
    assertThat(answers).hasSize(2);
    assertThat(answers.getJsonObject(1).getJsonObject("result").getJsonArray("tools")).isNotEmpty();
  }

  @Test
  void notificationsAndResponsesAreAcceptedWith202() {
    String session = raw.initialize("2025-11-25");
    String notification = new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/roots/list_changed").encode();
    assertThat(raw.post(notification, RawMcp.headers(session)).statusCode()).isEqualTo(202);
  }

  @Test
  void theGetStreamCarriesListChangesAndOnlyOneIsAllowedPerSession() throws Exception {
    String session = raw.initialize("2025-11-25");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(URI.create(hub.mcpUrl())).header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", session).GET().build();
    HttpResponse<InputStream> stream = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    assertThat(http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(409);

    raw.call(session, "tools/call", new JsonObject().put("name", "fx__add_tool").put("arguments", new JsonObject().put("name", "fresh")));
    CompletableFuture<String> firstEvent = Blocking.supply(() -> readUntil(stream.body(), "list_changed"));
    assertThat(firstEvent.get(10, TimeUnit.SECONDS)).contains("notifications/tools/list_changed");
    stream.body().close();
  }

  @Test
  void aClientThatDisconnectsMidCallLeavesTheHubHealthy() throws Exception {
    String session = raw.initialize("2025-11-25");
    String slow = new JsonObject().put("jsonrpc", "2.0").put("id", 5).put("method", "tools/call")
        .put("params", new JsonObject().put("name", "fx__sleep").put("arguments", new JsonObject().put("ms", 500))).encode();
    HttpClient impatient = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(hub.mcpUrl())).timeout(java.time.Duration.ofMillis(100))
        .header("Content-Type", "application/json").header("Accept", "application/json").header("Mcp-Session-Id", session)
        .POST(HttpRequest.BodyPublishers.ofString(slow)).build();
    CompletableFuture<HttpResponse<String>> abandoned = impatient.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    assertThat(abandoned).failsWithin(5, TimeUnit.SECONDS);
    Thread.sleep(700);
    JsonObject echo = raw.call(session, "tools/call",
        new JsonObject().put("name", "fx__echo").put("arguments", new JsonObject().put("text", "still here")));
    assertThat(echo.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("echo: still here");
  }

  private static String readUntil(InputStream in, String marker) {
    StringBuilder seen = new StringBuilder();
    try {
      int c;
      while ((c = in.read()) >= 0) {
        seen.append((char) c);
        if (seen.indexOf(marker) >= 0) {
          return seen.toString();
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return seen.toString();
  }

  static String request(String method, JsonObject params) {
    JsonObject message = new JsonObject().put("jsonrpc", "2.0").put("id", method.hashCode()).put("method", method);
    return (params == null ? message : message.put("params", params)).encode();
  }

  private static JsonObject result(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("result");
  }

  private static JsonObject error(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error");
  }
}
