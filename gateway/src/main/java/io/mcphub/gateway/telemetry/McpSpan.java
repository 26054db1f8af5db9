package io.mcphub.gateway.telemetry;

import io.vertx.core.json.JsonObject;

/**
 * What the span of one client request records: names and handles only, never arguments or prompts.
 *
 * @param method the JSON-RPC method, e.g. {@code tools/call}
 * @param target the tool or prompt name ({@code tools/call}, {@code prompts/get}), else null
 * @param resourceUri the resource a {@code resources/*} request names, else null
 * @param session the client's session handle
 * @param requestId the client's JSON-RPC id, as text
 */
public record McpSpan(String method, String target, String resourceUri, String session, String requestId) {

  static final int MAX_NAME_LENGTH = 128;
  static final int MAX_URI_LENGTH = 1_024;

  /** The span of a client request with these {@code params}. */
  public static McpSpan of(String method, JsonObject params, String session, Object requestId) {
    return new McpSpan(method, target(method, params), resourceUri(method, params), session,
        cut(String.valueOf(requestId), MAX_NAME_LENGTH));
  }

  /**
   * The tool or prompt a request is about: the second half of the span name. A client chooses it, so it is cut at
   * {@value #MAX_NAME_LENGTH} characters (the longest tool name the spec allows).
   */
  static String target(String method, JsonObject params) {
    if (params == null || !("tools/call".equals(method) || "prompts/get".equals(method))) {
      return null;
    }
    return params.getValue("name") instanceof String name ? cut(name, MAX_NAME_LENGTH) : null;
  }

  private static String resourceUri(String method, JsonObject params) {
    if (params == null || !method.startsWith("resources/")) {
      return null;
    }
    return params.getValue("uri") instanceof String uri ? cut(uri, MAX_URI_LENGTH) : null;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** {@code "tools/call get_weather"}, or the method alone. */
  String spanName() {
    return target == null ? method : method + " " + target;
  }
}
