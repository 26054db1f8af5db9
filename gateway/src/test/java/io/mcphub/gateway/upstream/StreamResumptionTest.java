package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub as a Streamable HTTP client of a remote upstream that closes its SSE streams (SEP-1699 "SSE polling"): a POST
 * stream closed before the response is resumed with GET + {@code Last-Event-ID}, the GET stream is reopened after it
 * ends, and a stream that cannot be resumed fails its call at once. The upstream is scripted on loopback; the client is
 * the MCP Java SDK through the hub. The tests' timeouts are far below the upstream's 60 s call timeout, so a hub that
 * waited for it would fail them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamResumptionTest {

  private final Vertx vertx = Vertx.vertx();
  /** The {@code Last-Event-ID} of every GET the upstream received ("" for none). */
  private final List<String> gets = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  /** Whether tools/call streams give their priming event an id (without one the stream cannot be resumed). */
  private volatile boolean resumable = true;
  private volatile long pendingCall = -1;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPostStreamClosedBeforeTheResponseIsResumedWithLastEventIdAndTheCallAnswered() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("remote", remote(startUpstream()))));
        McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("remote__reconnect", Map.of()));
      assertThat(Results.text(result)).isEqualTo("answered after the client came back");
      assertThat(gets).contains("call-1-primed");
      assertThat(calls.get()).isEqualTo(1);
    }
  }

  @Test
  void theGetStreamIsReopenedAfterTheServerEndsIt() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("remote", remote(startUpstream()))))) {
      // the upstream ends every standalone GET stream right after its first event; the hub comes back each time
      Await.until(() -> gets.stream().filter(id -> id.startsWith("get-")).count() >= 2);
      assertThat(gets.get(0)).isEmpty();
      assertThat(gets).contains("get-1");
    }
  }

  @Test
  void aStreamClosedWithoutAnEventIdFailsItsCallAtOnceInsteadOfAtTheTimeout() throws Exception {
    resumable = false;
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("remote", remote(startUpstream()))));
        McpSyncClient client = hub.client()) {
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("remote__reconnect", Map.of())))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("upstream 'remote' closed the response stream before answering");
    }
  }

  private static JsonObject remote(int port) {
    return new JsonObject().put("url", "http://127.0.0.1:" + port + "/mcp");
  }

  private int startUpstream() {
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      if ("GET".equals(request.method().name())) {
        onGet(request);
      } else if ("POST".equals(request.method().name())) {
        request.body().onSuccess(body -> onPost(request, body.toJsonObject()));
      } else {
        request.response().setStatusCode(200).end();
      }
    });
    return TestHub.await(server.listen(0, "127.0.0.1")).actualPort();
  }

  private void onGet(HttpServerRequest request) {
    String lastEventId = request.getHeader("Last-Event-ID");
    gets.add(lastEventId == null ? "" : lastEventId);
    HttpServerResponse response = sse(request);
    if (lastEventId != null && lastEventId.startsWith("call-")) {
      JsonObject answer = new JsonObject().put("jsonrpc", "2.0").put("id", pendingCall).put("result", new JsonObject()
          .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", "answered after the client came back"))));
      response.end("id: call-1-answer\nevent: message\ndata: " + answer.encode() + "\n\n");
      return;
    }
    int n = (int) gets.stream().filter(id -> !id.startsWith("call-")).count();
    response.end("id: get-" + n + "\nretry: 200\ndata: \n\n");
  }

  private void onPost(HttpServerRequest request, JsonObject message) {
    String method = message.getString("method");
    Object id = message.getValue("id");
    if (id == null) {
      request.response().setStatusCode(202).end();
      return;
    }
    JsonObject result = switch (method) {
      case "initialize" -> new JsonObject().put("protocolVersion", "2025-11-25")
          .put("capabilities", new JsonObject().put("tools", new JsonObject()))
          .put("serverInfo", new JsonObject().put("name", "closes-streams").put("version", "1"));
      case "tools/list" -> new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("name", "reconnect")
          .put("description", "answers only after the client reconnects").put("inputSchema", new JsonObject().put("type", "object"))));
      case "tools/call" -> null;
      default -> new JsonObject();
    };
    if (result == null) {
      calls.incrementAndGet();
      pendingCall = ((Number) id).longValue();
      // the priming event, then the stream ends before the response (which waits for the client to come back)
      sse(request).end(resumable ? "id: call-1-primed\nretry: 50\ndata: \n\n" : "retry: 50\ndata: \n\n");
      return;
    }
    request.response().putHeader("Content-Type", "application/json").putHeader("Mcp-Session-Id", "s-1")
        .end(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode());
  }

  private static HttpServerResponse sse(HttpServerRequest request) {
    return request.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
        .putHeader("Mcp-Session-Id", "s-1");
  }
}
