package io.mcphub.gateway.reliability;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9: a session belongs to the client that opened it. Client A opens a Streamable HTTP session (with a
 * sampling request of the hub pending on it) and a legacy SSE session; client B, with A's ids, tries every
 * route that takes a session id: a request, a forged answer to the hub's sampling request, the GET stream,
 * the legacy {@code /messages}, DELETE. Every attempt must be 404 (what an unknown id gets) and A's sessions
 * keep working, with A's own sampling answer. With auth on B holds a different valid token; with auth off B
 * has only what the hub shows anyone (the admin API, health, events), which must not include a usable id.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionHijackTest {

  private static final String TOKEN_A = "token-of-client-a-0123456789";
  private static final String TOKEN_B = "token-of-client-b-9876543210";
  private static final int BASE_ROUNDS = 3;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void anotherPrincipalWithTheIdsGets404Everywhere() throws Exception {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")))
        .put("hub", new JsonObject().put("auth", new JsonObject().put("tokens", new JsonArray().add(TOKEN_A).add(TOKEN_B))));
    try (TestHub hub = TestHub.start(config)) {
      Tally tally = new Tally();
      for (int round = 0; round < Campaign.scaled(BASE_ROUNDS); round++) {
        Victim victim = Victim.open(this, hub, TOKEN_A);
        attack(hub, TOKEN_B, List.of(victim.streamableId()), List.of(victim.legacyId()), victim, tally);
        victim.verifyStillWorking(tally);
      }
      Campaign.record("session hijack attempts (auth on, another valid token)", tally.tried, tally.failures, tally.lost);
      assertThat(tally.failures).as("hijack attempts that were not 404, or a victim session that broke").isZero();
      assertThat(tally.lost).as("forged sampling answers that reached the victim").isZero();
    }
  }

  @Test
  void withoutAuthNothingTheHubShowsOthersOpensASession() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))))) {
      Tally tally = new Tally();
      for (int round = 0; round < Campaign.scaled(BASE_ROUNDS); round++) {
        Victim victim = Victim.open(this, hub, null);
        String shown = publicViews(hub);
        tally.tried++;
        if (shown.contains(victim.streamableId()) || shown.contains(victim.legacyId())) {
          tally.failures++;
        }
        List<String> candidates = candidates(shown);
        attack(hub, null, candidates, candidates, victim, tally);
        victim.verifyStillWorking(tally);
      }
      Campaign.record("session hijack attempts (auth off, ids from admin/health/events)", tally.tried, tally.failures,
          tally.lost);
      assertThat(tally.failures).as("usable ids shown to others, hijack attempts not 404, or a broken victim session")
          .isZero();
      assertThat(tally.lost).as("forged sampling answers that reached the victim").isZero();
    }
  }

  /** Every string the hub shows a client that did not open the sessions. */
  private String publicViews(TestHub hub) throws Exception {
    StringBuilder shown = new StringBuilder();
    for (String path : List.of("/api/sessions", "/api/servers", "/api/tools", "/api/filtering/stats", "/health", "/metrics")) {
      shown.append(send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + path)).GET()).body).append('\n');
    }
    shown.append(firstEvent(hub));
    return shown.toString();
  }

  /** The first event of {@code /api/events} ({@code hub_state}). */
  private String firstEvent(TestHub hub) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/events")).header("Accept", "text/event-stream").build();
    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      return lines.filter(line -> line.startsWith("data:")).findFirst().orElse("");
    }
  }

  /** The string values of the admin API's session entries: whatever a client could try as an id. */
  private static List<String> candidates(String shown) {
    Set<String> values = new LinkedHashSet<>();
    String sessionsJson = shown.substring(0, shown.indexOf('\n'));
    for (Object entry : new JsonObject(sessionsJson).getJsonArray("sessions")) {
      ((JsonObject) entry).forEach(field -> {
        if (field.getValue() instanceof String text && !text.isBlank()) {
          values.add(text);
        }
      });
    }
    return new ArrayList<>(values);
  }

  /**
   * B's attempts on A's sessions, each of which must be a 404. A answers the sampling request after B's forged
   * answer and before B's DELETE, which comes last (it would end the session).
   */
  private void attack(TestHub hub, String token, List<String> streamableIds, List<String> legacyIds, Victim victim,
      Tally tally) throws Exception {
    for (String id : streamableIds) {
      expect404(tally, post(hub.mcpUrl(), token, id, request("b-1", "tools/call", new JsonObject().put("name", "fx__echo")
          .put("arguments", new JsonObject().put("text", "hijacked")))));
      expect404(tally, post(hub.mcpUrl(), token, id, new JsonObject().put("jsonrpc", "2.0").put("id", victim.samplingId())
          .put("result", samplingAnswer("FORGED"))));
      expect404(tally, send(with(HttpRequest.newBuilder(URI.create(hub.mcpUrl())).GET(), token, id)
          .header("Accept", "text/event-stream")));
    }
    for (String id : legacyIds) {
      expect404(tally, post(hub.baseUrl() + "/messages?sessionId=" + encode(id), token, null,
          request("b-2", "tools/list", null)));
    }
    victim.answerSampling(tally);
    for (String id : streamableIds) {
      expect404(tally, send(with(HttpRequest.newBuilder(URI.create(hub.mcpUrl())).DELETE(), token, id)));
    }
  }

  private static void expect404(Tally tally, Answer answer) {
    tally.tried++;
    if (answer.status != 404) {
      tally.failures++;
    }
  }

  private Answer post(String url, String token, String session, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json").header("Accept", RawMcp.ACCEPT_BOTH);
    return send(with(request, token, session));
  }

  private static HttpRequest.Builder with(HttpRequest.Builder request, String token, String session) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return request.timeout(Duration.ofSeconds(20));
  }

  /** Sends and reads the status; the body only when it is not a stream (a stream is closed at once). */
  private Answer send(HttpRequest.Builder request) throws Exception {
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
      return new Answer(response.statusCode(), stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static JsonObject request(Object id, String method, JsonObject params) {
    JsonObject message = new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method);
    return params == null ? message : message.put("params", params);
  }

  private static JsonObject samplingAnswer(String text) {
    return new JsonObject().put("role", "assistant").put("model", "test")
        .put("content", new JsonObject().put("type", "text").put("text", text));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record Answer(int status, String body) {
  }

  private static final class Tally {
    long tried;
    long failures;
    long lost;
  }

  /**
   * Client A: a Streamable HTTP session with a {@code fx__sample} call in flight (the hub's sampling request
   * waiting for A's answer) and a legacy SSE session with its stream open.
   */
  private record Victim(SessionHijackTest test, TestHub hub, String token, String streamableId, Object samplingId,
      Iterator<String> callStream, Stream<String> callLines, String legacyId, Iterator<String> legacyStream,
      Stream<String> legacyLines) {

    static Victim open(SessionHijackTest test, TestHub hub, String token) throws Exception {
      JsonObject init = request(1, "initialize", new JsonObject().put("protocolVersion", "2025-11-25")
          .put("capabilities", new JsonObject().put("sampling", new JsonObject()))
          .put("clientInfo", new JsonObject().put("name", "victim").put("version", "1")));
      HttpResponse<String> opened = test.http.send(with(HttpRequest.newBuilder(URI.create(hub.mcpUrl()))
          .POST(HttpRequest.BodyPublishers.ofString(init.encode())).header("Content-Type", "application/json")
          .header("Accept", RawMcp.ACCEPT_BOTH), token, null).build(), HttpResponse.BodyHandlers.ofString());
      String id = opened.headers().firstValue("Mcp-Session-Id").orElseThrow(
          () -> new AssertionError("initialize answered " + opened.statusCode() + " " + opened.body()));
      test.post(hub.mcpUrl(), token, id, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
      HttpRequest call = with(HttpRequest.newBuilder(URI.create(hub.mcpUrl())).POST(HttpRequest.BodyPublishers.ofString(
          request("a-sample", "tools/call", new JsonObject().put("name", "fx__sample")
              .put("arguments", new JsonObject().put("prompt", "hello"))).encode()))
          .header("Content-Type", "application/json").header("Accept", RawMcp.ACCEPT_BOTH), token, id).build();
      Stream<String> callLines = test.http.send(call, HttpResponse.BodyHandlers.ofLines()).body();
      Iterator<String> callStream = callLines.iterator();
      JsonObject sampling = nextMessage(callStream);
      assertThat(sampling.getString("method")).isEqualTo("sampling/createMessage");
      HttpRequest sse = with(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/sse")).GET()
          .header("Accept", "text/event-stream"), token, null).build();
      Stream<String> legacyLines = test.http.send(sse, HttpResponse.BodyHandlers.ofLines()).body();
      Iterator<String> legacyStream = legacyLines.iterator();
      String endpoint = nextData(legacyStream);
      String legacyId = java.net.URLDecoder.decode(endpoint.substring(endpoint.indexOf("sessionId=") + "sessionId=".length()),
          StandardCharsets.UTF_8);
      return new Victim(test, hub, token, id, sampling.getValue("id"), callStream, callLines, legacyId, legacyStream,
          legacyLines);
    }

    /** A answers the sampling request itself and must get its own answer back, not B's forged one. */
    void answerSampling(Tally tally) throws Exception {
      tally.tried++;
      Answer answered = test.post(hub.mcpUrl(), token, streamableId, new JsonObject().put("jsonrpc", "2.0").put("id", samplingId)
          .put("result", samplingAnswer("GENUINE")));
      String sampled = nextMessage(callStream).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text");
      callLines.close();
      if (sampled.contains("FORGED")) {
        tally.lost++;
      }
      if (answered.status != 202 || !"sampled: GENUINE".equals(sampled)) {
        tally.failures++;
      }
    }

    /** After every attempt, both of A's sessions still serve A. */
    void verifyStillWorking(Tally tally) throws Exception {
      tally.tried++;
      try {
        Answer echo = test.post(hub.mcpUrl(), token, streamableId, request("a-echo", "tools/call",
            new JsonObject().put("name", "fx__echo").put("arguments", new JsonObject().put("text", "still mine"))));
        Answer legacyPost = test.post(hub.baseUrl() + "/messages?sessionId=" + encode(legacyId), token, null,
            request("a-legacy", "ping", null));
        boolean legacyAnswered = legacyPost.status == 202 && "a-legacy".equals(nextMessage(legacyStream).getValue("id"));
        if (echo.status != 200 || !echo.body.contains("echo: still mine") || !legacyAnswered) {
          tally.failures++;
        }
      } finally {
        legacyLines.close();
        test.send(with(HttpRequest.newBuilder(URI.create(hub.mcpUrl())).DELETE(), token, streamableId));
      }
    }

    private static JsonObject nextMessage(Iterator<String> lines) {
      return new JsonObject(nextData(lines));
    }

    private static String nextData(Iterator<String> lines) {
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("data:")) {
          return line.substring(5).strip();
        }
      }
      throw new IllegalStateException("the stream ended");
    }
  }
}
