package io.mcphub.gateway.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal Streamable HTTP MCP client for the benchmark and load tools: one session, keep-alive, blocking calls.
 * Answers may be JSON or SSE; each call checks the answer holds what it expects.
 */
final class McpHttpClient {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpRequest.Builder template;
  private long nextId = 1;

  private McpHttpClient(URI uri, String session, String token) {
    this.template = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", session);
    if (token != null) {
      template.header("Authorization", "Bearer " + token);
    }
  }

  static McpHttpClient open(String url) {
    return open(url, System.getenv("MCP_HUB_TOKEN"));
  }

  /** Initializes a session (and sends {@code notifications/initialized}). */
  static McpHttpClient open(String url, String token) {
    try {
      HttpRequest.Builder init = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize")
              .put("params", new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject())
                  .put("clientInfo", new JsonObject().put("name", "bench").put("version", "1"))).encode()));
      if (token != null) {
        init.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response = HTTP.send(init.build(), HttpResponse.BodyHandlers.ofString());
      String session = response.headers().firstValue("Mcp-Session-Id")
          .orElseThrow(() -> new IllegalStateException("initialize answered HTTP " + response.statusCode()));
      McpHttpClient client = new McpHttpClient(URI.create(url), session, token);
      client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      return client;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code tools/call}; fails unless the answer contains {@code expect}. */
  String call(String tool, JsonObject arguments, String expect) {
    return request("tools/call", new JsonObject().put("name", tool).put("arguments", arguments), expect);
  }

  /** {@code tools/list}; returns the raw answer. */
  String list() {
    return request("tools/list", new JsonObject(), "\"tools\"");
  }

  String request(String method, JsonObject params, String expect) {
    String body = new JsonObject().put("jsonrpc", "2.0").put("id", nextId++).put("method", method).put("params", params).encode();
    String answer = send(body);
    if (expect != null && !answer.contains(expect)) {
      throw new IllegalStateException(method + " answered without " + expect + ": " + abbreviate(answer));
    }
    return answer;
  }

  private String send(String body) {
    try {
      return HTTP.send(template.copy().POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends the session ({@code DELETE}). */
  void close() {
    try {
      HTTP.send(template.copy().DELETE().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
