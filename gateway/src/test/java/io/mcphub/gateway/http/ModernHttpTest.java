package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import static io.mcphub.gateway.support.ModernMcp.headers;
import static io.mcphub.gateway.support.ModernMcp.message;
import static io.mcphub.gateway.support.ModernMcp.meta;
import static io.mcphub.gateway.support.ModernMcp.next;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.ModernMcp;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 2026-07-28 client on {@code /mcp}, as raw HTTP so that every header and code can be checked: the validation ladder,
 * {@code server/discover}, the result envelope, request-scoped progress and logs, cancellation by closing the response,
 * {@code subscriptions/listen}, and MRTR in front of a 2025 upstream (our fixture asks for sampling, elicitation and
 * roots the 2025 way). A 2025 session on the same hub keeps working beside it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ModernHttpTest {

  private static final String VERSION = ModernMcp.VERSION;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    // pc runs one instance per client: a modern request needs credentials to name one
    hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))
        .put("pc", TestHub.fixture("pc").put("isolation", "per-client"))));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void theLadderRefusesWithTheRevisionsCodesAndEchoesTheId() throws Exception {
    HttpResponse<String> noMeta = send(post(message("tools/list", new JsonObject()), headers("tools/list", null)));
    assertError(noMeta, 400, -32602);
    JsonObject mismatch = message("tools/list", meta(new JsonObject(), new JsonObject()));
    Map<String, String> oldHeader = headers("tools/list", null);
    oldHeader.put("MCP-Protocol-Version", "2025-11-25");
    assertError(send(post(mismatch, oldHeader)), 400, -32020);
    JsonObject ancient = message("tools/list", new JsonObject().put("_meta", new JsonObject()
        .put("io.modelcontextprotocol/protocolVersion", "1900-01-01").put("io.modelcontextprotocol/clientCapabilities", new JsonObject())));
    Map<String, String> ancientHeaders = headers("tools/list", null);
    ancientHeaders.put("MCP-Protocol-Version", "1900-01-01");
    JsonObject unsupported = assertError(send(post(ancient, ancientHeaders)), 400, -32022);
    assertThat(unsupported.getJsonObject("data").getJsonArray("supported")).containsExactly(VERSION);
    assertThat(unsupported.getJsonObject("data").getString("requested")).isEqualTo("1900-01-01");
    assertError(send(post(message("tools/list", meta(new JsonObject(), new JsonObject())), headers("prompts/list", null))),
        400, -32020);
    JsonObject call = message("tools/call", meta(new JsonObject().put("name", "fx__echo")
        .put("arguments", new JsonObject().put("text", "hi")), new JsonObject()));
    assertError(send(post(call, headers("tools/call", null))), 400, -32020);
    assertError(send(post(call, headers("tools/call", "fx__other"))), 400, -32020);
    String encoded = "=?base64?" + Base64.getEncoder().encodeToString("fx__echo".getBytes(StandardCharsets.UTF_8)) + "?=";
    assertThat(result(send(post(call, headers("tools/call", encoded)))).getString("resultType")).isEqualTo("complete");
    assertError(send(post(message("foo/bar", meta(new JsonObject(), new JsonObject())), headers("foo/bar", null))), 404, -32601);
    for (String removed : List.of("ping", "logging/setLevel", "resources/subscribe", "initialize")) {
      assertError(send(post(message(removed, meta(new JsonObject(), new JsonObject())), headers(removed, null))), 404, -32601);
    }
    Map<String, String> get = new LinkedHashMap<>(headers("tools/list", null));
    assertThat(new RawMcp(hub.mcpUrl()).request("GET", get).statusCode()).isEqualTo(405);
    assertThat(new RawMcp(hub.mcpUrl()).request("DELETE", get).statusCode()).isEqualTo(405);
  }

  @Test
  void discoverAndListsCarryTheEnvelopeAndALegacySessionKeepsWorking() throws Exception {
    JsonObject discover = request("server/discover", new JsonObject(), new JsonObject());
    assertThat(discover.getJsonArray("supportedVersions")).contains(VERSION, "2025-11-25");
    assertThat(discover.getString("resultType")).isEqualTo("complete");
    assertThat(discover.getJsonObject("capabilities").getJsonObject("tools").getBoolean("listChanged")).isTrue();
    assertThat(discover.getJsonObject("_meta").getJsonObject("io.modelcontextprotocol/serverInfo").getString("name"))
        .isEqualTo("mcp-hub");
    for (String list : List.of("server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list")) {
      JsonObject answered = request(list, new JsonObject(), new JsonObject());
      assertThat(answered.getLong("ttlMs")).as(list).isNotNegative();
      assertThat(answered.getString("cacheScope")).as(list).isEqualTo("public");
    }
    JsonObject tools = request("tools/list", new JsonObject(), new JsonObject());
    assertThat(tools.getJsonArray("tools").stream().map(t -> ((JsonObject) t).getString("name"))).contains("fx__echo");
    JsonObject echoed = request("tools/call", new JsonObject().put("name", "fx__echo")
        .put("arguments", new JsonObject().put("text", "modern")), new JsonObject());
    assertThat(echoed.getString("resultType")).isEqualTo("complete");
    assertThat(echoed.encode()).contains("modern").doesNotContain("ttlMs");
    RawMcp legacy = new RawMcp(hub.mcpUrl());
    String session = legacy.initialize("2025-11-25");
    JsonObject listed = legacy.call(session, "tools/list", null).getJsonObject("result");
    assertThat(listed.containsKey("resultType")).as("2025 results are unchanged").isFalse();
  }

  @Test
  void progressAndAskedForLogsGoOnTheRequestsOwnStreamOnly() throws Exception {
    List<JsonObject> sleep = stream(message("tools/call", meta(new JsonObject().put("name", "fx__sleep")
        .put("arguments", new JsonObject().put("ms", 200)), new JsonObject())), "fx__sleep",
        new JsonObject().put("progressToken", "tok-7"));
    assertThat(sleep).filteredOn(m -> "notifications/progress".equals(m.getString("method"))).isNotEmpty()
        .allSatisfy(m -> assertThat(m.getJsonObject("params").getValue("progressToken")).isEqualTo("tok-7"));
    assertThat(sleep.get(sleep.size() - 1).getJsonObject("result").getString("resultType")).isEqualTo("complete");
    JsonObject log = new JsonObject().put("name", "fx__log").put("arguments", new JsonObject().put("level", "warning"));
    assertThat(stream(message("tools/call", meta(log.copy(), new JsonObject())), "fx__log", null))
        .as("no logLevel in _meta: no log lines").noneMatch(m -> "notifications/message".equals(m.getString("method")));
    // a stdio upstream's log lines are tied to no request: they never reach a 2026-07-28 response stream, whatever the
    // level (the conformance run covers lines an HTTP upstream sends on a call's own stream)
    assertThat(stream(message("tools/call", meta(log.copy(), new JsonObject())), "fx__log", "debug"))
        .noneMatch(m -> "notifications/message".equals(m.getString("method")));
  }

  @Test
  void closingTheResponseCancelsTheUpstreamCall() throws Exception {
    JsonObject call = message("tools/call", meta(new JsonObject().put("name", "fx__sleep")
        .put("arguments", new JsonObject().put("ms", 20_000)), new JsonObject()));
    URI uri = URI.create(hub.mcpUrl());
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      byte[] body = call.encode().getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
          + "\r\nContent-Length: " + body.length + "\r\n");
      headers("tools/call", "fx__sleep").forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      Thread.sleep(500);
    }
    // the fixture records the id of the last request it was told was cancelled (null until then)
    Await.until(() -> !request("tools/call", new JsonObject().put("name", "fx__last_cancelled").put("arguments", new JsonObject()),
        new JsonObject()).getJsonArray("content").getJsonObject(0).getString("text").equals("null"));
  }

  @Test
  void aLegacyUpstreamsElicitationBecomesAnInputRequiredRound() throws Exception {
    JsonObject elicitation = new JsonObject().put("elicitation", new JsonObject());
    JsonObject first = request("tools/call", new JsonObject().put("name", "fx__elicit").put("arguments", new JsonObject()), elicitation);
    assertThat(first.getString("resultType")).isEqualTo("input_required");
    assertThat(first.containsKey("ttlMs")).as("interim results carry no caching hints").isFalse();
    String key = first.getJsonObject("inputRequests").fieldNames().iterator().next();
    assertThat(first.getJsonObject("inputRequests").getJsonObject(key).getString("method")).isEqualTo("elicitation/create");
    String state = first.getString("requestState");
    JsonObject wrongKey = request("tools/call", new JsonObject().put("name", "fx__elicit").put("arguments", new JsonObject())
        .put("inputResponses", new JsonObject().put("other", new JsonObject().put("action", "accept"))).put("requestState", state),
        elicitation);
    assertThat(wrongKey.getString("resultType")).as("a missing answer is asked for again").isEqualTo("input_required");
    assertThat(wrongKey.getJsonObject("inputRequests").fieldNames()).containsExactly(key);
    JsonObject tampered = new JsonObject(send(post(message("tools/call", meta(new JsonObject().put("name", "fx__elicit")
        .put("arguments", new JsonObject()).put("requestState", wrongKey.getString("requestState") + "x"), elicitation)),
        headers("tools/call", "fx__elicit"))).body());
    assertThat(tampered.getJsonObject("error").getInteger("code")).isEqualTo(-32602);
    JsonObject done = request("tools/call", new JsonObject().put("name", "fx__elicit").put("arguments", new JsonObject())
        .put("inputResponses", new JsonObject().put(key, new JsonObject().put("action", "accept")
            .put("content", new JsonObject().put("name", "Ada")))).put("requestState", wrongKey.getString("requestState")),
        elicitation);
    assertThat(done.getString("resultType")).isEqualTo("complete");
    assertThat(done.encode()).contains("elicited: accept").contains("Ada");
    JsonObject replay = new JsonObject(send(post(message("tools/call", meta(new JsonObject().put("name", "fx__elicit")
        .put("arguments", new JsonObject()).put("requestState", wrongKey.getString("requestState")), elicitation)),
        headers("tools/call", "fx__elicit"))).body());
    assertThat(replay.getJsonObject("error").getInteger("code")).as("a used state is not accepted again").isEqualTo(-32602);
  }

  @Test
  void aClientWithoutTheCapabilityIsNeverAskedAndRootsTravelAsInputPerPrincipal() throws Exception {
    JsonObject refused = new JsonObject(send(post(message("tools/call", meta(new JsonObject().put("name", "fx__sample")
        .put("arguments", new JsonObject().put("prompt", "hi")), new JsonObject())), headers("tools/call", "fx__sample"))).body());
    assertThat(refused.encode()).as("no input request for an undeclared capability").doesNotContain("input_required");
    JsonObject roots = new JsonObject().put("roots", new JsonObject());
    JsonObject anonymous = request("tools/call", new JsonObject().put("name", "pc__roots").put("arguments", new JsonObject()), roots);
    assertThat(anonymous.getString("resultType")).as("anonymous callers share one instance").isEqualTo("input_required");
    String token = "modern-test-token-0123456789";
    JsonObject config = TestHub.config(new JsonObject().put("pc", TestHub.fixture("pc").put("isolation", "per-client")));
    config.put("hub", new JsonObject().put("auth", new JsonObject().put("tokens", new JsonArray().add(token))));
    try (TestHub secured = TestHub.start(config)) {
      Map<String, String> authorized = new LinkedHashMap<>(headers("tools/call", "pc__roots"));
      authorized.put("Authorization", "Bearer " + token);
      JsonObject call = new JsonObject().put("name", "pc__roots").put("arguments", new JsonObject());
      JsonObject first = result(send(ModernMcp.post(secured.mcpUrl(), message("tools/call", meta(call.copy(), roots)), authorized)));
      String key = first.getJsonObject("inputRequests").fieldNames().iterator().next();
      JsonObject retry = call.copy().put("inputResponses", new JsonObject().put(key, new JsonObject().put("roots", new JsonArray()
          .add(new JsonObject().put("uri", "file:///work"))))).put("requestState", first.getString("requestState"));
      JsonObject done = result(send(ModernMcp.post(secured.mcpUrl(), message("tools/call", meta(retry, roots)), authorized)));
      assertThat(done.encode()).contains("roots: file:///work");
      assertThat(secured.<Integer>onHub(h -> h.clientInstances("pc"))).as("one instance for the principal").isEqualTo(1);
    }
  }

  @Test
  void aStateIsSpentOnceAndAConcurrentRetryIsRefused() throws Exception {
    JsonObject elicitation = new JsonObject().put("elicitation", new JsonObject());
    JsonObject call = new JsonObject().put("name", "fx__elicit").put("arguments", new JsonObject());
    JsonObject first = request("tools/call", call.copy(), elicitation);
    String key = first.getJsonObject("inputRequests").fieldNames().iterator().next();
    JsonObject retry = call.copy().put("inputResponses", new JsonObject().put(key, new JsonObject().put("action", "decline")))
        .put("requestState", first.getString("requestState"));
    assertThat(request("tools/call", retry.copy(), elicitation).encode()).contains("elicited: decline");
    JsonObject again = new JsonObject(send(post(message("tools/call", meta(retry.copy(), elicitation)),
        headers("tools/call", "fx__elicit"))).body());
    assertThat(again.getJsonObject("error").getInteger("code")).as("a spent state").isEqualTo(-32602);
  }

  @Test
  void aListenNamingAResourceNoServerHasIsStillAcknowledged() throws Exception {
    JsonObject listen = message("subscriptions/listen", meta(new JsonObject().put("notifications", new JsonObject()
        .put("toolsListChanged", true).put("resourceSubscriptions", new JsonArray().add("nowhere://missing"))), new JsonObject()));
    try (Stream<String> lines = HTTP.send(post(listen, headers("subscriptions/listen", null)), HttpResponse.BodyHandlers.ofLines()).body()) {
      JsonObject ack = next(lines.iterator());
      assertThat(ack.getString("method")).isEqualTo("notifications/subscriptions/acknowledged");
      assertThat(ack.getJsonObject("params").getJsonObject("notifications"))
          .as("the refused URI is left out").isEqualTo(new JsonObject().put("toolsListChanged", true));
    }
  }

  @Test
  void aListenStreamIsAcknowledgedFirstAndTaggedWithItsId() throws Exception {
    JsonObject listen = message("subscriptions/listen", meta(new JsonObject().put("notifications",
        new JsonObject().put("toolsListChanged", true).put("promptsListChanged", false)), new JsonObject()));
    Object id = listen.getValue("id");
    try (Stream<String> lines = HTTP.send(post(listen, headers("subscriptions/listen", null)), HttpResponse.BodyHandlers.ofLines()).body()) {
      Iterator<String> stream = lines.iterator();
      JsonObject ack = next(stream);
      assertThat(ack.getString("method")).isEqualTo("notifications/subscriptions/acknowledged");
      assertThat(ack.getJsonObject("params").getJsonObject("_meta").getValue("io.modelcontextprotocol/subscriptionId")).isEqualTo(id);
      assertThat(ack.getJsonObject("params").getJsonObject("notifications")).isEqualTo(new JsonObject().put("toolsListChanged", true));
      request("tools/call", new JsonObject().put("name", "fx__add_tool").put("arguments", new JsonObject().put("name", "added_late")),
          new JsonObject());
      JsonObject changed = next(stream);
      assertThat(changed.getString("method")).isEqualTo("notifications/tools/list_changed");
      assertThat(changed.getJsonObject("params").getJsonObject("_meta").getValue("io.modelcontextprotocol/subscriptionId")).isEqualTo(id);
    }
  }

  private static JsonObject request(String method, JsonObject params, JsonObject capabilities) {
    String name = params.getValue("name") instanceof String text ? text : null;
    return result(send(post(message(method, meta(params, capabilities)), headers(method, name))));
  }

  private static List<JsonObject> stream(JsonObject message, String name, Object extra) {
    JsonObject meta = message.getJsonObject("params").getJsonObject("_meta");
    if (extra instanceof JsonObject more) {
      meta.mergeIn(more);
    } else if (extra instanceof String level) {
      meta.put("io.modelcontextprotocol/logLevel", level);
    }
    HttpResponse<String> response = send(post(message, headers("tools/call", name)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonObject> messages = new ArrayList<>();
    if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      messages.add(new JsonObject(response.body()));
      return messages;
    }
    response.body().lines().filter(line -> line.startsWith("data:")).forEach(line -> messages.add(new JsonObject(line.substring(5).strip())));
    return messages;
  }




  private static HttpRequest post(JsonObject body, Map<String, String> headers) {
    return ModernMcp.post(hub.mcpUrl(), body, headers);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    return ModernMcp.send(request);
  }

  private static JsonObject result(HttpResponse<String> response) {
    String body = response.body();
    if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      List<String> data = body.lines().filter(line -> line.startsWith("data:")).toList();
      body = data.get(data.size() - 1).substring(5).strip();
    }
    JsonObject answer = new JsonObject(body);
    assertThat(answer.containsKey("result")).as("HTTP " + response.statusCode() + " " + body).isTrue();
    return answer.getJsonObject("result");
  }

  private static JsonObject assertError(HttpResponse<String> response, int status, int code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonObject answer = new JsonObject(response.body());
    assertThat(answer.getValue("id")).as("the id is echoed").isNotNull();
    assertThat(answer.getJsonObject("error").getInteger("code")).as(response.body()).isEqualTo(code);
    return answer.getJsonObject("error");
  }

}
