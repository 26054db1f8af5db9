package io.mcphub.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9: DNS-rebinding protection on every endpoint. A hub bound to 127.0.0.1 gets a matrix of {@code Host} x
 * {@code Origin} values on each of its endpoints, over a plain socket (an HTTP client would not send most of
 * these). A combination with an evil Host or an evil Origin must be 403; a good one must get exactly what the
 * plain loopback request (no Origin) gets.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RebindingMatrixTest {

  private static final String LISTED = "https://app.example.com";

  /** Method, path and body of one request to each endpoint; bodies that make no session and change nothing. */
  private static final List<String[]> ENDPOINTS = List.of(
      new String[] {"POST", "/mcp", "{}"},
      new String[] {"GET", "/mcp", null},
      new String[] {"DELETE", "/mcp", null},
      new String[] {"GET", "/sse", null},
      new String[] {"POST", "/messages", "{}"},
      new String[] {"GET", "/api/servers", null},
      new String[] {"POST", "/api/servers/info", "{\"server_name\": \"nope\"}"},
      new String[] {"POST", "/api/servers/stop", "{\"server_name\": \"nope\"}"},
      new String[] {"GET", "/api/sessions", null},
      new String[] {"GET", "/api/tools", null},
      new String[] {"GET", "/api/filtering/stats", null},
      new String[] {"GET", "/api/events", null},
      new String[] {"GET", "/health", null},
      new String[] {"GET", "/api/health", null},
      new String[] {"GET", "/metrics", null},
      new String[] {"GET", "/no-such-path", null});

  @Test
  void everyEvilHostOrOriginIs403OnEveryEndpointAndEveryGoodOnePasses() throws Exception {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")))
        .put("hub", new JsonObject().put("allowedOrigins", new JsonArray().add(LISTED).add("http://dev.example.org:8080")));
    try (TestHub hub = TestHub.start(config)) {
      int port = hub.port();
      List<String> goodHosts = List.of("127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "LocalHost:" + port,
          "127.8.9.10:" + port, "[::1]:" + port, "[0:0:0:0:0:0:0:1]:" + port);
      List<String> evilHosts = List.of("127.0.0.1.evil.com:" + port, "127.0.0.1.evil.com", "localhost.evil.com:" + port,
          "evil.com", "127.1:" + port, "0x7f.0.0.1:" + port, "0177.0.0.1:" + port, "2130706433:" + port,
          "localhost.:" + port, "127.0.0.1.:" + port, "[::ffff:127.0.0.1]:" + port, "[::1%25lo]:" + port,
          "localhost:", "", "127.0.0.256:" + port, "[::2]:" + port, "127.0.0.1:0" + port, "127.0.0.1:" + port + "@evil.com",
          "evil.com:" + port + "#127.0.0.1", "127.0.0.1:99999", "[::1");
      List<String> goodOrigins = new ArrayList<>();
      goodOrigins.add(null);
      goodOrigins.addAll(List.of("http://localhost:5173", "http://localhost", "https://localhost:8443", "http://127.0.0.1:" + port,
          "http://127.0.0.2:3000", "http://[::1]:" + port, "http://LOCALHOST:5173", LISTED, "https://app.example.com:443",
          "http://dev.example.org:8080"));
      List<String> evilOrigins = List.of("https://evil.example", "http://127.0.0.1.evil.com", "http://localhost.evil.com:5173",
          "http://127.1", "http://0x7f.0.0.1", "http://0177.0.0.1", "http://2130706433", "http://127.0.0.1@evil.com",
          "http://localhost:80@evil.com", "http://evil.com#@localhost", "http://localhost.", "http://127.0.0.1.:" + port, "null",
          "file://", "ftp://localhost", "ws://localhost", "chrome-extension://abcdef", "http://localhost:5173/",
          "http://localhost:5173/path", "http://localhost:99999", "http://localhost:", "http://[::ffff:127.0.0.1]",
          "http://[::1%25lo]", "http://[::2]", "https://app.example.com:444", "http://app.example.com",
          "https://app.example.com.evil.com", "https://evil.com/https://app.example.com", "http://dev.example.org",
          "localhost", "http//localhost", "");

      Map<String, Integer> baseline = new LinkedHashMap<>();
      for (String[] endpoint : ENDPOINTS) {
        baseline.put(endpoint[1] + endpoint[0], status(port, endpoint, "127.0.0.1:" + port, null));
      }
      long tried = 0;
      List<String> failures = new ArrayList<>();
      for (int round = 0; round < Campaign.scaled(1); round++) {
        for (String[] endpoint : ENDPOINTS) {
          int expected = baseline.get(endpoint[1] + endpoint[0]);
          for (String host : goodHosts) {
            for (String origin : goodOrigins) {
              tried++;
              check(failures, endpoint, host, origin, status(port, endpoint, host, origin), expected);
            }
          }
          for (String host : List.of("127.0.0.1:" + port, "[::1]:" + port)) {
            for (String origin : evilOrigins) {
              tried++;
              check(failures, endpoint, host, origin, status(port, endpoint, host, origin), 403);
            }
          }
          for (String host : evilHosts) {
            for (String origin : Arrays.asList("http://localhost:5173", LISTED, null)) {
              tried++;
              check(failures, endpoint, host, origin, status(port, endpoint, host, origin), 403);
            }
          }
        }
      }
      Campaign.record("DNS rebinding: Host x Origin x endpoint matrix", tried, failures.size(), 0);
      assertThat(baseline.values()).as("the plain loopback requests pass the guard").doesNotContain(403);
      assertThat(failures).as("combinations answered wrongly (of " + tried + ")").isEmpty();
    }
  }

  private static void check(List<String> failures, String[] endpoint, String host, String origin, int status, int expected) {
    if (status != expected) {
      failures.add(endpoint[0] + " " + endpoint[1] + " Host=" + host + " Origin=" + origin + ": " + status + ", expected "
          + expected);
    }
  }

  /** One request over a plain socket; only the status line is read, so streams do not hold the test up. */
  private static int status(int port, String[] endpoint, String host, String origin) throws IOException {
    StringBuilder request = new StringBuilder(endpoint[0]).append(' ').append(endpoint[1]).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append("\r\n");
    if (origin != null) {
      request.append("Origin: ").append(origin).append("\r\n");
    }
    byte[] body = endpoint[2] == null ? new byte[0] : endpoint[2].getBytes(StandardCharsets.UTF_8);
    if (endpoint[2] != null) {
      request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
        return -1;
      }
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
