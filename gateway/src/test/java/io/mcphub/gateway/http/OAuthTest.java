package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.LocalIssuer;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code hub.auth.oauth}: the hub as an OAuth 2.1 resource server, against a local issuer on loopback (a JWKS server
 * and tokens signed with its test keys), with static tokens configured too.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OAuthTest {

  private static final String AUDIENCE = "https://hub.test/mcp";
  private static final String METADATA = "https://hub.test/.well-known/oauth-protected-resource/mcp";
  private static final String STATIC_TOKEN = "static-token-for-oauth-tests";
  private static final String VERSION = "2025-11-25";

  private static LocalIssuer issuer;
  private static Vertx upstreamVertx;
  private static HeaderRecordingUpstream remote;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    issuer = LocalIssuer.start();
    upstreamVertx = Vertx.vertx();
    remote = new HeaderRecordingUpstream(upstreamVertx);
    JsonObject oauth = new JsonObject().put("issuer", LocalIssuer.ISSUER).put("jwksUri", issuer.jwksUri())
        .put("audience", AUDIENCE).put("jwksMinRefetchIntervalMs", 0)
        .put("scopes", new JsonObject()
            .put("fx:use", new JsonObject().put("servers", new JsonArray().add("fx")))
            .put("other:use", new JsonObject().put("servers", new JsonArray().add("other")))
            .put("tools:all", new JsonObject().put("servers", new JsonArray().add("*"))));
    JsonObject config = TestHub.config(new JsonObject()
            .put("fx", TestHub.fixture("fx"))
            .put("other", TestHub.fixture("other"))
            .put("remote", new JsonObject().put("url", remote.url()).put("headers", new JsonObject().put("X-Team", "a"))))
        .put("hub", new JsonObject().put("auth", new JsonObject()
            .put("tokens", new JsonArray().add(STATIC_TOKEN)).put("oauth", oauth)));
    hub = TestHub.start(config);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    TestHub.await(upstreamVertx.close());
    issuer.close();
  }

  @Test
  void aValidTokenWorksEndToEnd() {
    String token = token("alice", "tools:all");
    String session = initialize(token);
    assertThat(toolNames(session, token)).contains("fx__echo", "other__echo", "remote__ping");
    JsonObject echo = call(session, token, "tools/call", new JsonObject().put("name", "fx__echo")
        .put("arguments", new JsonObject().put("text", "hi")));
    assertThat(echo.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("echo: hi");
  }

  @Test
  void aSessionStaysWithItsSubject() {
    String alice = token("alice", "tools:all");
    String session = initialize(alice);
    HttpResponse<String> bob = post(session, token("bob", "tools:all"), list());
    assertThat(bob.statusCode()).isEqualTo(404);
    HttpResponse<String> staticToken = post(session, STATIC_TOKEN, list());
    assertThat(staticToken.statusCode()).isEqualTo(404);
    HttpResponse<String> refreshed = post(session, token("alice", "tools:all"), list());
    assertThat(refreshed.statusCode()).isEqualTo(200);
  }

  @Test
  void staticTokensKeepWorking() {
    String session = initialize(STATIC_TOKEN);
    assertThat(toolNames(session, STATIC_TOKEN)).contains("fx__echo", "other__echo");
  }

  @Test
  void aMissingTokenIsAnswered401WithTheMetadataUrl() {
    HttpResponse<String> missing = new RawMcp(hub.mcpUrl()).post(RawMcp.initializeBody(VERSION), RawMcp.headers(null));
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\"" + METADATA + "\"");
  }

  @Test
  void theMetadataDocumentNamesResourceIssuerAndScopes() {
    for (String path : List.of("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
      HttpResponse<String> response = new RawMcp(hub.baseUrl() + path).request("GET", Map.of());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject metadata = new JsonObject(response.body());
      assertThat(metadata.getString("resource")).isEqualTo(AUDIENCE);
      assertThat(metadata.getJsonArray("authorization_servers")).containsExactly(LocalIssuer.ISSUER);
      assertThat(metadata.getJsonArray("scopes_supported")).containsExactlyInAnyOrder("fx:use", "other:use", "tools:all");
      assertThat(metadata.getJsonArray("bearer_methods_supported")).containsExactly("header");
    }
  }

  @Test
  void tokensThatFailACheckAreAnswered401InvalidToken() {
    JsonObject valid = LocalIssuer.claims("alice", AUDIENCE, "tools:all");
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> cases = Map.of(
        "audience", issuer.sign("k1", valid.copy().put("aud", "https://other.test/mcp")),
        "expired", issuer.sign("k1", valid.copy().put("iat", now - 7200).put("exp", now - 3600)),
        "issuer", issuer.sign("k1", valid.copy().put("iss", "https://evil.test")),
        "none", LocalIssuer.unsigned(new JsonObject().put("alg", "none"), valid, ""),
        "HS256", LocalIssuer.unsigned(new JsonObject().put("alg", "HS256").put("kid", "k1"), valid, "c2ln"),
        "no exp", issuer.sign("k1", valid.copy().put("exp", (Object) null)),
        "not yet valid", issuer.sign("k1", valid.copy().put("nbf", now + 3600)),
        "tampered", tamper(issuer.sign("k1", valid)),
        "CR LF in alg", LocalIssuer.unsigned(new JsonObject().put("alg", "RS256\r\nX-Injected: 1").put("kid", "k1"), valid, "c2ln"),
        "CR LF in kid", LocalIssuer.unsigned(new JsonObject().put("alg", "RS256").put("kid", "k9\r\nX-Injected: 1"), valid, "c2ln"));
    cases.forEach((problem, token) -> {
      HttpResponse<String> refused = initializeResponse(token);
      assertThat(refused.statusCode()).as(problem).isEqualTo(401);
      assertThat(refused.headers().map()).as(problem).doesNotContainKey("x-injected");
      assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).as(problem)
          .startsWith("Bearer error=\"invalid_token\"").contains("resource_metadata=\"" + METADATA + "\"");
    });
    assertThat(initializeResponse(issuer.sign("k1", valid.copy().put("aud", "https://other.test/mcp"))).body())
        .contains("audience");
    assertThat(initializeResponse(issuer.sign("k1", valid.copy().put("exp", now - 3600))).body()).contains("expired");
    assertThat(initializeResponse(issuer.sign("k1", valid.copy().put("typ", "ID"))).body()).contains("ID token");
    assertThat(initializeResponse(LocalIssuer.unsigned(new JsonObject().put("alg", "RS256").put("typ", "logout+jwt")
        .put("kid", "k1"), valid, "c2ln")).body()).contains("not an access token");
  }

  @Test
  void aTokenSignedWithANewKeyMakesTheHubFetchTheKeysAgain() {
    initialize(token("alice", "tools:all"));
    int before = issuer.fetches();
    issuer.addUnpublishedKey("k2");
    String rotated = issuer.sign("k2", LocalIssuer.claims("alice", AUDIENCE, "tools:all"));
    assertThat(initializeResponse(rotated).statusCode()).isEqualTo(401);
    assertThat(issuer.fetches()).isEqualTo(before + 1);
    issuer.publish("k2");
    assertThat(initializeResponse(rotated).statusCode()).isEqualTo(200);
    assertThat(issuer.fetches()).isEqualTo(before + 2);
    assertThat(initializeResponse(rotated).statusCode()).isEqualTo(200);
    assertThat(issuer.fetches()).isEqualTo(before + 2);
  }

  @Test
  void aScopeLimitedCallerNeitherSeesNorCallsOtherServersTools() {
    String token = token("carol", "fx:use");
    String session = initialize(token);
    List<String> names = toolNames(session, token);
    assertThat(names).contains("fx__echo").noneMatch(name -> name.startsWith("other__") || name.startsWith("remote__"));
    JsonObject refused = call(session, token, "tools/call", new JsonObject().put("name", "other__echo")
        .put("arguments", new JsonObject().put("text", "hi")));
    assertThat(refused.getJsonObject("error").getString("message")).contains("other__echo");
    JsonObject allowed = call(session, token, "tools/call", new JsonObject().put("name", "fx__echo")
        .put("arguments", new JsonObject().put("text", "hi")));
    assertThat(allowed.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("echo: hi");
  }

  @Test
  void promptsAndResourcesOfServersOutsideTheGrantAreHiddenToo() {
    String everything = token("heidi", "tools:all");
    String all = initialize(everything);
    assertThat(names(call(all, everything, "prompts/list", new JsonObject()), "prompts"))
        .anyMatch(name -> name.startsWith("fx__")).anyMatch(name -> name.startsWith("other__"));
    assertThat(uris(call(all, everything, "resources/list", new JsonObject()))).contains("fixture://static");

    String token = token("ivan", "other:use");
    String session = initialize(token);
    assertThat(names(call(session, token, "prompts/list", new JsonObject()), "prompts"))
        .isNotEmpty().allMatch(name -> name.startsWith("other__"));
    assertThat(uris(call(session, token, "resources/list", new JsonObject()))).doesNotContain("fixture://static");
    // fx and other each offer fixture://items/{id}: every server's template for heidi, other's alone for ivan
    assertThat(templates(call(all, everything, "resources/templates/list", new JsonObject()))).hasSize(2);
    assertThat(templates(call(session, token, "resources/templates/list", new JsonObject())))
        .containsExactly("fixture://items/{id}");
    JsonObject read = call(session, token, "resources/read", new JsonObject().put("uri", "fixture://static"));
    assertThat(read.getJsonObject("error").getString("message")).isEqualTo("Resource not found: fixture://static");
  }

  private static List<String> names(JsonObject response, String list) {
    return response.getJsonObject("result").getJsonArray(list).stream().map(item -> ((JsonObject) item).getString("name")).toList();
  }

  private static List<String> templates(JsonObject response) {
    return response.getJsonObject("result").getJsonArray("resourceTemplates").stream()
        .map(item -> ((JsonObject) item).getString("uriTemplate")).toList();
  }

  private static List<String> uris(JsonObject response) {
    return response.getJsonObject("result").getJsonArray("resources").stream()
        .map(item -> ((JsonObject) item).getString("uri")).toList();
  }

  @Test
  void callersWithDifferentScopesNeverShareAToolList() {
    String everything = token("judy", "tools:all");
    String limited = token("karl", "fx:use");
    String all = initialize(everything);
    String some = initialize(limited);
    for (int round = 0; round < 2; round++) {
      assertThat(toolNames(all, everything)).contains("fx__echo", "other__echo");
      assertThat(toolNames(some, limited)).contains("fx__echo").doesNotContain("other__echo");
    }
  }

  @Test
  void logMessagesOfAServerOutsideTheGrantNeverReachTheCaller() throws Exception {
    String everything = token("liam", "tools:all");
    String limited = token("mona", "fx:use");
    String all = initialize(everything);
    String some = initialize(limited);
    call(some, limited, "logging/setLevel", new JsonObject().put("level", "debug"));
    List<String> heard = new CopyOnWriteArrayList<>();
    java.net.http.HttpRequest.Builder get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.mcpUrl())).GET();
    withToken(some, limited).forEach((name, value) -> get.header(name, "Accept".equals(name) ? "text/event-stream" : value));
    var stream = java.net.http.HttpClient.newHttpClient().sendAsync(get.build(), HttpResponse.BodyHandlers.ofLines())
        .thenAccept(response -> response.body().forEach(heard::add));
    try {
      io.mcphub.gateway.support.Await.until(() -> {
        // the stream is open once a log of a granted server reaches it
        call(all, everything, "tools/call", new JsonObject().put("name", "fx__log")
            .put("arguments", new JsonObject().put("message", "opened")));
        return heard.stream().anyMatch(line -> line.contains("opened"));
      });
      call(all, everything, "tools/call", new JsonObject().put("name", "other__log")
          .put("arguments", new JsonObject().put("message", "not-for-mona")));
      call(all, everything, "tools/call", new JsonObject().put("name", "fx__log")
          .put("arguments", new JsonObject().put("message", "marker")));
      io.mcphub.gateway.support.Await.until(() -> heard.stream().anyMatch(line -> line.contains("marker")));
      assertThat(heard).noneMatch(line -> line.contains("not-for-mona"));
    } finally {
      stream.cancel(true);
    }
  }

  @Test
  void aServerOutsideTheGrantIsNotNamedWhenItIsDown() {
    JsonObject oauth = new JsonObject().put("issuer", LocalIssuer.ISSUER).put("jwksUri", issuer.jwksUri())
        .put("audience", AUDIENCE).put("scopes", new JsonObject()
            .put("fx:use", new JsonObject().put("servers", new JsonArray().add("fx")))
            .put("tools:all", new JsonObject().put("servers", new JsonArray().add("*"))));
    JsonObject secret = TestHub.fixture("secret").put("disabled", true);
    try (TestHub own = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")).put("secret", secret))
        .put("hub", new JsonObject().put("auth", new JsonObject().put("oauth", oauth))))) {
      JsonObject params = new JsonObject().put("name", "secret__echo").put("arguments", new JsonObject());
      String limited = token("nina", "fx:use");
      String outsider = initialize(own, limited);
      assertThat(call(own, outsider, limited, params).getJsonObject("error").getString("message"))
          .isEqualTo("Unknown tool: secret__echo");
      String everything = token("omar", "tools:all");
      String insider = initialize(own, everything);
      assertThat(call(own, insider, everything, params).getJsonObject("error").getString("message")).contains("'secret'");
    }
  }

  private static String initialize(TestHub target, String token) {
    HttpResponse<String> response = new RawMcp(target.mcpUrl()).post(RawMcp.initializeBody(VERSION), withToken(null, token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private static JsonObject call(TestHub target, String session, String token, JsonObject params) {
    String body = new JsonObject().put("jsonrpc", "2.0").put("id", 4).put("method", "tools/call").put("params", params).encode();
    return new JsonObject(new RawMcp(target.mcpUrl()).post(body, withToken(session, token)).body());
  }

  @Test
  void aValidTokenWithoutAnyMappedScopeSeesNoUpstreamTool() {
    String token = token("dave", "profile");
    String session = initialize(token);
    assertThat(toolNames(session, token)).isEmpty();
  }

  @Test
  void theClientsTokenIsNeverForwardedUpstream() {
    String token = token("erin", "tools:all");
    String session = initialize(token);
    JsonObject ping = call(session, token, "tools/call", new JsonObject().put("name", "remote__ping"));
    assertThat(ping.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("pong");
    assertThat(remote.requests()).isNotEmpty().allSatisfy(headers -> {
      assertThat(headers).doesNotContainKey("authorization");
      assertThat(headers.values()).noneMatch(value -> value.contains(token));
      assertThat(headers).containsEntry("x-team", "a");
    });
  }

  @Test
  void theAdminApiTakesStaticTokensNotOAuthTokens() {
    RawMcp tools = new RawMcp(hub.baseUrl() + "/api/tools");
    HttpResponse<String> oauth = tools.request("GET", Map.of("Authorization", "Bearer " + token("alice", "tools:all")));
    assertThat(oauth.statusCode()).isEqualTo(403);
    assertThat(oauth.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer error=\"insufficient_scope\"");
    assertThat(tools.request("GET", Map.of("Authorization", "Bearer " + STATIC_TOKEN)).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnreachableIssuerFailsClosedWith503() {
    JsonObject oauth = new JsonObject().put("issuer", LocalIssuer.ISSUER).put("jwksUri", "http://127.0.0.1:9/jwks")
        .put("audience", AUDIENCE).put("jwksTimeoutMs", 2000);
    try (TestHub closed = TestHub.start(TestHub.config(new JsonObject())
        .put("hub", new JsonObject().put("auth", new JsonObject().put("oauth", oauth))))) {
      HttpResponse<String> refused = new RawMcp(closed.mcpUrl()).post(RawMcp.initializeBody(VERSION),
          withToken(null, token("alice", "tools:all")));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("signing keys are unavailable");
    }
  }

  @Test
  void requiredScopesAreAnswered403InsufficientScope() {
    JsonObject oauth = new JsonObject().put("issuer", LocalIssuer.ISSUER).put("jwksUri", issuer.jwksUri())
        .put("audience", AUDIENCE).put("requiredScopes", new JsonArray().add("mcp"));
    try (TestHub strict = TestHub.start(TestHub.config(new JsonObject())
        .put("hub", new JsonObject().put("auth", new JsonObject().put("oauth", oauth))))) {
      RawMcp raw = new RawMcp(strict.mcpUrl());
      HttpResponse<String> refused = raw.post(RawMcp.initializeBody(VERSION), withToken(null, token("alice", "profile")));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer error=\"insufficient_scope\", scope=\"mcp\"");
      assertThat(raw.post(RawMcp.initializeBody(VERSION), withToken(null, token("alice", "mcp profile"))).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void inPromptBasedModeTheMetaToolsKeepToTheGrant() {
    JsonObject oauth = new JsonObject().put("issuer", LocalIssuer.ISSUER).put("jwksUri", issuer.jwksUri())
        .put("audience", AUDIENCE).put("scopes", new JsonObject()
            .put("fx:use", new JsonObject().put("servers", new JsonArray().add("fx")))
            .put("tools:all", new JsonObject().put("servers", new JsonArray().add("*"))));
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")).put("other", TestHub.fixture("other")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"))
        .put("hub", new JsonObject().put("auth", new JsonObject().put("oauth", oauth)));
    try (TestHub filtered = TestHub.start(config)) {
      RawMcp raw = new RawMcp(filtered.mcpUrl());
      MetaCalls everything = new MetaCalls(raw, token("frank", "tools:all"));
      MetaCalls limited = new MetaCalls(raw, token("grace", "fx:use"));
      JsonObject query = new JsonObject().put("query", "echo the text back").put("limit", 20);
      assertThat(everything.names("hub__search_tools", query)).contains("fx__echo", "other__echo");
      assertThat(limited.names("hub__search_tools", query)).contains("fx__echo").doesNotContain("other__echo");
      JsonObject prompt = new JsonObject().put("prompt", "use the echo tool to echo the text hello back to me");
      assertThat(everything.names("hub__analyze_prompt", prompt)).anyMatch(name -> name.startsWith("other__"));
      assertThat(limited.names("hub__analyze_prompt", prompt)).isNotEmpty().noneMatch(name -> name.startsWith("other__"));
      JsonObject call = new JsonObject().put("name", "other__echo").put("arguments", new JsonObject().put("text", "hi"));
      assertThat(everything.tool("hub__call_tool", call).getBoolean("isError", false)).isFalse();
      JsonObject refused = limited.tool("hub__call_tool", call);
      assertThat(refused.getBoolean("isError")).isTrue();
      assertThat(refused.encode()).contains("other__echo").doesNotContain("echo: hi");
    }
  }

  /** One session calling meta tools. */
  private record MetaCalls(RawMcp raw, String token, String session) {

    MetaCalls(RawMcp raw, String token) {
      this(raw, token, openSession(raw, token));
    }

    private static String openSession(RawMcp raw, String token) {
      HttpResponse<String> response = raw.post(RawMcp.initializeBody(VERSION), withToken(null, token));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
      raw.post(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized").encode(), withToken(session, token));
      return session;
    }

    JsonObject tool(String name, JsonObject arguments) {
      String body = new JsonObject().put("jsonrpc", "2.0").put("id", 4).put("method", "tools/call")
          .put("params", new JsonObject().put("name", name).put("arguments", arguments)).encode();
      HttpResponse<String> response = raw.post(body, withToken(session, token));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return answer(response.body()).getJsonObject("result");
    }

    /** The JSON-RPC response of a JSON body, or of an SSE body (notifications may precede it). */
    private static JsonObject answer(String body) {
      if (body.startsWith("{")) {
        return new JsonObject(body);
      }
      return body.lines().filter(line -> line.startsWith("data:")).map(line -> new JsonObject(line.substring(5).strip()))
          .filter(message -> message.containsKey("id")).findFirst().orElseThrow();
    }

    /** The tool names a meta tool's structured answer lists. */
    List<String> names(String name, JsonObject arguments) {
      JsonArray tools = tool(name, arguments).getJsonObject("structuredContent").getJsonArray("tools");
      return tools.stream().map(tool -> ((JsonObject) tool).getString("name")).toList();
    }
  }

  private static String token(String subject, String scope) {
    return issuer.sign("k1", LocalIssuer.claims(subject, AUDIENCE, scope));
  }

  private static String tamper(String token) {
    int dot = token.indexOf('.');
    String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        LocalIssuer.claims("mallory", AUDIENCE, "tools:all").encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return token.substring(0, dot + 1) + claims + token.substring(token.indexOf('.', dot + 1));
  }

  private static Map<String, String> withToken(String session, String token) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(RawMcp.headers(session));
    headers.put("Authorization", "Bearer " + token);
    return headers;
  }

  private static HttpResponse<String> initializeResponse(String token) {
    return new RawMcp(hub.mcpUrl()).post(RawMcp.initializeBody(VERSION), withToken(null, token));
  }

  private static String initialize(String token) {
    HttpResponse<String> response = initializeResponse(token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(session, token, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized").encode());
    return session;
  }

  private static String list() {
    return new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/list").encode();
  }

  private static HttpResponse<String> post(String session, String token, String body) {
    return new RawMcp(hub.mcpUrl()).post(body, withToken(session, token));
  }

  private static JsonObject call(String session, String token, String method, JsonObject params) {
    String body = new JsonObject().put("jsonrpc", "2.0").put("id", 3).put("method", method).put("params", params).encode();
    HttpResponse<String> response = post(session, token, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static List<String> toolNames(String session, String token) {
    JsonArray tools = call(session, token, "tools/list", new JsonObject()).getJsonObject("result").getJsonArray("tools");
    return tools.stream().map(tool -> ((JsonObject) tool).getString("name")).toList();
  }

  /**
   * An MCP server over Streamable HTTP (JSON answers) with one tool, {@code ping}, that records the headers of every
   * request it gets: what the hub sends upstream.
   */
  static final class HeaderRecordingUpstream {

    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    HeaderRecordingUpstream(Vertx vertx) {
      server = TestHub.await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
    }

    String url() {
      return "http://127.0.0.1:" + server.actualPort() + "/mcp";
    }

    List<Map<String, String>> requests() {
      return requests;
    }

    private void handle(HttpServerRequest request) {
      Map<String, String> headers = new java.util.TreeMap<>();
      request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue()));
      requests.add(headers);
      if (!"POST".equals(request.method().name())) {
        request.response().setStatusCode(405).end();
        return;
      }
      request.body().onSuccess(body -> answer(request, new JsonObject(body)));
    }

    private void answer(HttpServerRequest request, JsonObject message) {
      String method = message.getString("method");
      if (!message.containsKey("id")) {
        request.response().setStatusCode(202).end();
        return;
      }
      JsonObject result = switch (method) {
        case "initialize" -> new JsonObject().put("protocolVersion", message.getJsonObject("params").getString("protocolVersion"))
            .put("capabilities", new JsonObject().put("tools", new JsonObject()))
            .put("serverInfo", new JsonObject().put("name", "recording").put("version", "1"));
        case "tools/list" -> new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("name", "ping")
            .put("description", "Answers pong").put("inputSchema", new JsonObject().put("type", "object"))));
        case "tools/call" -> new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", "pong")));
        default -> null;
      };
      JsonObject response = new JsonObject().put("jsonrpc", "2.0").put("id", message.getValue("id"));
      if (result == null) {
        response.put("error", new JsonObject().put("code", -32601).put("message", "Method not found: " + method));
      } else {
        response.put("result", result);
      }
      request.response().putHeader("Content-Type", "application/json").putHeader("Mcp-Session-Id", "s1").end(response.encode());
    }
  }
}
