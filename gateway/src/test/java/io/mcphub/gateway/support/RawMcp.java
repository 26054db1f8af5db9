package io.mcphub.gateway.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw HTTP towards {@code /mcp}, for the protocol's edge cases that a well-behaved SDK never produces. */
public final class RawMcp {

  public static final String ACCEPT_BOTH = "application/json, text/event-stream";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;

  public RawMcp(String url) {
    this.url = url;
  }

  /** Initializes a session with {@code version} and sends {@code notifications/initialized}; returns the session id. */
  public String initialize(String version) {
    HttpResponse<String> response = post(initializeBody(version), headers(null));
    String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow(
        () -> new IllegalStateException("no session id: " + response.statusCode() + " " + response.body()));
    post(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized").encode(), headers(session));
    return session;
  }

  public static String initializeBody(String version) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize").put("params", new JsonObject()
        .put("protocolVersion", version).put("capabilities", new JsonObject())
        .put("clientInfo", new JsonObject().put("name", "raw").put("version", "1"))).encode();
  }

  public static Map<String, String> headers(String session) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", ACCEPT_BOTH);
    if (session != null) {
      headers.put("Mcp-Session-Id", session);
    }
    return headers;
  }

  public HttpResponse<String> post(String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  /** POSTs a request in a session and returns the JSON-RPC response (JSON answer expected). */
  public JsonObject call(String session, String method, JsonObject params) {
    JsonObject message = new JsonObject().put("jsonrpc", "2.0").put("id", "r-" + System.nanoTime()).put("method", method);
    if (params != null) {
      message.put("params", params);
    }
    HttpResponse<String> response = post(message.encode(), headers(session));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  public HttpResponse<String> request(String method, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
