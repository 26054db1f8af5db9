package io.mcphub.gateway.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw 2026-07-28 requests towards {@code /mcp}: the body's {@code _meta} and the headers that mirror it. */
public final class ModernMcp {

  public static final String VERSION = "2026-07-28";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicInteger IDS = new AtomicInteger();

  private ModernMcp() {
  }

  public static JsonObject message(String method, JsonObject params) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", "m-" + IDS.incrementAndGet()).put("method", method)
        .put("params", params);
  }

  /** {@code params} with the {@code _meta} every modern request carries. */
  public static JsonObject meta(JsonObject params, JsonObject capabilities) {
    return params.put("_meta", new JsonObject().put("io.modelcontextprotocol/protocolVersion", VERSION)
        .put("io.modelcontextprotocol/clientCapabilities", capabilities)
        .put("io.modelcontextprotocol/clientInfo", new JsonObject().put("name", "modern-test").put("version", "1")));
  }

  /** The headers of a modern POST: both media types, the version, {@code Mcp-Method}, and {@code Mcp-Name} when given. */
  public static Map<String, String> headers(String method, String name) {
    Map<String, String> headers = new LinkedHashMap<>(RawMcp.headers(null));
    headers.put("MCP-Protocol-Version", VERSION);
    headers.put("Mcp-Method", method);
    if (name != null) {
      headers.put("Mcp-Name", name);
    }
    return headers;
  }

  public static HttpRequest post(String url, JsonObject body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    headers.forEach(request::header);
    return request.build();
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a request whose answer is a stream read line by line ({@code subscriptions/listen}). */
  public static HttpResponse<java.util.stream.Stream<String>> open(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next message of an SSE stream. */
  public static JsonObject next(Iterator<String> lines) {
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("data:")) {
        return new JsonObject(line.substring(5).strip());
      }
    }
    throw new IllegalStateException("the stream ended");
  }
}
