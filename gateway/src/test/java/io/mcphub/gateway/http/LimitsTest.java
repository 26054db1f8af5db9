package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The limits of the {@code hub} section, over real sockets: batch size, connections, header size, body and idle
 * timeouts, sessions, and idle sessions reaped even with an open stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitsTest {

  private static TestHub hub(JsonObject limits) {
    return TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))).put("hub", limits));
  }

  @Test
  void aBatchLargerThanTheCapIsRefusedNamingIt() {
    try (TestHub hub = hub(new JsonObject().put("maxBatchSize", 5))) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-03-26");
      HttpResponse<String> tooMany = raw.post(pings(6).encode(), RawMcp.headers(session));
      assertThat(tooMany.statusCode()).isEqualTo(400);
      assertThat(new JsonObject(tooMany.body()).getJsonObject("error").getString("message"))
          .contains("6 messages").contains("limit of 5").contains("hub.maxBatchSize");
      HttpResponse<String> fits = raw.post(pings(5).encode(), RawMcp.headers(session));
      assertThat(fits.statusCode()).isEqualTo(200);
      assertThat(new JsonArray(fits.body())).hasSize(5);
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedUntilOneEnds() throws Exception {
    try (TestHub hub = hub(new JsonObject().put("maxConnections", 3))) {
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket socket = connect(hub);
          open.add(socket);
          assertThat(exchange(socket, get("/health"))).startsWith("HTTP/1.1 200");
        }
        try (Socket refused = connect(hub)) {
          assertThat(exchange(refused, get("/health"))).as("answer on the fourth connection").isEmpty();
        }
        open.remove(0).close();
        Await.until(() -> {
          try (Socket again = connect(hub)) {
            return exchange(again, get("/health")).startsWith("HTTP/1.1 200");
          } catch (IOException e) {
            return false;
          }
        });
      } finally {
        for (Socket socket : open) {
          socket.close();
        }
      }
    }
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    try (TestHub hub = hub(new JsonObject().put("maxHeaderBytes", 2_048)); Socket socket = connect(hub)) {
      String request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(4_096) + "\r\n\r\n";
      assertThat(exchange(socket, request)).startsWith("HTTP/1.1 431");
      try (Socket fits = connect(hub)) {
        assertThat(exchange(fits, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(1_000)
            + "\r\n\r\n")).startsWith("HTTP/1.1 200");
      }
    }
  }

  @Test
  void aClientThatTricklesItsBodyIsCutOffWith408() throws Exception {
    try (TestHub hub = hub(new JsonObject().put("bodyTimeoutMs", 500)); Socket socket = connect(hub)) {
      socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Accept: application/json, text/event-stream\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(100);
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      boolean closed = false;
      for (int i = 0; i < 100 && !closed; i++) {
        closed = trickle(socket, answer);
      }
      assertThat(closed).as("connection closed while trickling").isTrue();
      assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 408").contains("hub.bodyTimeoutMs");
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (TestHub hub = hub(new JsonObject().put("connectionIdleTimeoutMs", 1_000)); Socket socket = connect(hub)) {
      assertThat(exchange(socket, get("/health"))).startsWith("HTTP/1.1 200");
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      try {
        assertThat(in.read()).as("end of stream on the idle connection").isEqualTo(-1);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the idle connection was still open after 10 s", e);
      } catch (IOException reset) {
        // closed by a reset: also closed
      }
    }
  }

  @Test
  void sessionsBeyondTheCapGet503UntilOneEnds() {
    try (TestHub hub = hub(new JsonObject().put("maxSessions", 2))) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String first = raw.initialize("2025-11-25");
      raw.initialize("2025-11-25");
      HttpResponse<String> full = raw.post(RawMcp.initializeBody("2025-11-25"), RawMcp.headers(null));
      assertThat(full.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(full.body()).getJsonObject("error").getString("message")).contains("hub.maxSessions is 2");
      HttpResponse<String> legacy = new RawMcp(hub.baseUrl() + "/sse").request("GET", Map.of("Accept", "text/event-stream"));
      assertThat(legacy.statusCode()).isEqualTo(503);
      assertThat(raw.request("DELETE", RawMcp.headers(first)).statusCode()).isEqualTo(200);
      assertThat(raw.post(RawMcp.initializeBody("2025-11-25"), RawMcp.headers(null)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anIdleSessionIsEndedEvenWithItsStreamOpenWhileAnActiveOneStays() throws Exception {
    try (TestHub hub = hub(new JsonObject().put("sessionIdleTimeoutMs", 1_000)); Socket stream = connect(hub)) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String idle = raw.initialize("2025-11-25");
      String active = raw.initialize("2025-11-25");
      stream.getOutputStream().write(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: "
          + idle + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Await.until(() -> hub.onHub(h -> h.sessions().get(idle) != null && h.sessions().get(idle).hasOpenStream()));
      long deadline = System.currentTimeMillis() + 10_000;
      while (hub.onHub(h -> h.sessions().get(idle)) != null && System.currentTimeMillis() < deadline) {
        assertThat(raw.call(active, "ping", null).containsKey("result")).isTrue();
      }
      assertThat(hub.<Object>onHub(h -> h.sessions().get(idle))).as("the idle session with an open stream").isNull();
      assertThat(hub.<Object>onHub(h -> h.sessions().get(active))).as("the session that kept pinging").isNotNull();
      stream.setSoTimeout(10_000);
      assertThat(readToEnd(stream.getInputStream())).as("the idle session's stream").startsWith("HTTP/1.1 200")
          .endsWith("\r\n0\r\n\r\n");
      assertThat(raw.call(active, "ping", null).containsKey("result")).isTrue();
    }
  }

  private static JsonArray pings(int count) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < count; i++) {
      batch.add(new JsonObject().put("jsonrpc", "2.0").put("id", i).put("method", "ping"));
    }
    return batch;
  }

  private static Socket connect(TestHub hub) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5_000);
    return socket;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }

  /** Sends a request and returns what arrives within a short wait (empty when the hub closed the connection). */
  private static String exchange(Socket socket, String request) throws IOException {
    try {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    } catch (IOException closed) {
      return "";
    }
    socket.setSoTimeout(5_000);
    byte[] chunk = new byte[8_192];
    try {
      int n = socket.getInputStream().read(chunk);
      return n < 0 ? "" : new String(chunk, 0, n, StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer and no close within 5 s", e);
    } catch (IOException reset) {
      return "";
    }
  }

  /** Sends one more body byte and collects any answer; true once the hub closed the connection. */
  private static boolean trickle(Socket socket, ByteArrayOutputStream answer) {
    try {
      socket.getOutputStream().write(' ');
      byte[] chunk = new byte[4_096];
      int n = socket.getInputStream().read(chunk);
      if (n < 0) {
        return true;
      }
      answer.write(chunk, 0, n);
      return false;
    } catch (SocketTimeoutException pacing) {
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  /** Reads a chunked response until its last chunk (or the connection's end). */
  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] chunk = new byte[4_096];
    try {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        all.write(chunk, 0, n);
        if (all.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the stream did not end: " + all, e);
    }
    return all.toString(StandardCharsets.UTF_8);
  }
}
