package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client's answer to a request the hub relayed to it (here a server's sampling request) is validated like any
 * peer's message: a malformed answer fails the relayed request, so the server and the tool call end at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientAnswersTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
  void aMalformedAnswerToASamplingRequestEndsTheToolCallWithAnError() throws Exception {
    for (Object malformed : new Object[] {new JsonArray().add(1), "plain text", 42}) {
      String session = sampleCapableSession();
      HttpRequest call = post(session, new JsonObject().put("jsonrpc", "2.0").put("id", "call-1").put("method", "tools/call")
          .put("params", new JsonObject().put("name", "fx__sample").put("arguments", new JsonObject().put("prompt", "hi"))));
      try (Stream<String> lines = HTTP.send(call, HttpResponse.BodyHandlers.ofLines()).body()) {
        Iterator<String> stream = lines.iterator();
        JsonObject sampling = nextMessage(stream);
        assertThat(sampling.getString("method")).isEqualTo("sampling/createMessage");
        HttpResponse<String> answered = HTTP.send(post(session, new JsonObject().put("jsonrpc", "2.0")
            .put("id", sampling.getValue("id")).put("result", malformed)), HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as("the answer is accepted for processing").isEqualTo(202);
        JsonObject outcome = nextMessage(stream);
        assertThat(outcome.getValue("id")).isEqualTo("call-1");
        assertThat(outcome.encode()).as("the tool call ends with the sampling failure").contains("malformed response");
      }
    }
  }

  private static String sampleCapableSession() throws Exception {
    JsonObject init = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize")
        .put("params", new JsonObject().put("protocolVersion", "2025-11-25")
            .put("capabilities", new JsonObject().put("sampling", new JsonObject()))
            .put("clientInfo", new JsonObject().put("name", "raw").put("version", "1")));
    HttpResponse<String> opened = HTTP.send(post(null, init), HttpResponse.BodyHandlers.ofString());
    String session = opened.headers().firstValue("Mcp-Session-Id")
        .orElseThrow(() -> new AssertionError("initialize answered " + opened.statusCode() + " " + opened.body()));
    HTTP.send(post(session, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized")),
        HttpResponse.BodyHandlers.ofString());
    return session;
  }

  private static HttpRequest post(String session, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.mcpUrl())).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Accept", RawMcp.ACCEPT_BOTH)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (session != null) {
      request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return request.build();
  }

  private static JsonObject nextMessage(Iterator<String> lines) {
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("data:")) {
        return new JsonObject(line.substring(5).strip());
      }
    }
    throw new IllegalStateException("the stream ended");
  }
}
