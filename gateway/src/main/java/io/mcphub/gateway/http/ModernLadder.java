package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.HeaderValues;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.jsonrpc.XMcpHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * The checks a 2026-07-28 request passes before the hub looks at its method, in the order the revision gives them:
 * the {@code _meta} fields ({@code -32602}), the protocol version header against {@code _meta} ({@code -32020}), a
 * version the hub serves ({@code -32022} with {@code data.supported}), then {@code Mcp-Method} and {@code Mcp-Name}
 * against the body ({@code -32020}; Base64 sentinel values decoded first). Every refusal is HTTP 400. Pure: headers and
 * body in, a {@link Checked} or a refusal out.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#server-validation">Server validation</a>
 */
final class ModernLadder {

  private ModernLadder() {
  }

  /** What a request that passed says about its client. */
  record Checked(String version, JsonObject capabilities, JsonObject clientInfo, String logLevel) {
  }

  /** Runs the checks; throws the {@link McpException} to answer (with HTTP 400) at the first that fails. */
  static Checked check(MultiMap headers, JsonObject message) {
    String method = message.getString("method");
    Object rawParams = message.getValue("params");
    if (rawParams != null && !(rawParams instanceof JsonObject)) {
      throw McpException.invalidParams("\"params\" must be an object");
    }
    JsonObject params = rawParams == null ? new JsonObject() : (JsonObject) rawParams;
    if (!(params.getValue("_meta") instanceof JsonObject meta)) {
      throw McpException.invalidParams("params._meta is required in protocol revision " + Modern.V2026_07_28
          + ": it carries \"" + Modern.META_PROTOCOL_VERSION + "\" and \"" + Modern.META_CLIENT_CAPABILITIES + "\"");
    }
    if (!(meta.getValue(Modern.META_PROTOCOL_VERSION) instanceof String version) || version.isBlank()) {
      throw McpException.invalidParams("params._meta[\"" + Modern.META_PROTOCOL_VERSION + "\"] must be a protocol version string");
    }
    String header = headers.get(McpHeaders.PROTOCOL_VERSION);
    if (header == null) {
      throw mismatch("the " + McpHeaders.PROTOCOL_VERSION + " header is required");
    }
    if (!header.equals(version)) {
      throw mismatch(McpHeaders.PROTOCOL_VERSION + " header value '" + header + "' does not match the body's _meta value '"
          + version + "'");
    }
    if (!Modern.isModern(version)) {
      throw new McpException(Modern.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version: " + version
          + "; this endpoint serves " + String.join(", ", Modern.VERSIONS)
          + " per request, and earlier revisions through an initialize session",
          new JsonObject().put("supported", Modern.VERSIONS).put("requested", version));
    }
    if (!(meta.getValue(Modern.META_CLIENT_CAPABILITIES) instanceof JsonObject capabilities)) {
      throw McpException.invalidParams("params._meta[\"" + Modern.META_CLIENT_CAPABILITIES + "\"] must be an object");
    }
    Object clientInfo = meta.getValue(Modern.META_CLIENT_INFO);
    if (clientInfo != null && !(clientInfo instanceof JsonObject)) {
      throw McpException.invalidParams("params._meta[\"" + Modern.META_CLIENT_INFO + "\"] must be an object");
    }
    Object logLevel = meta.getValue(Modern.META_LOG_LEVEL);
    if (logLevel != null && !(logLevel instanceof String)) {
      throw McpException.invalidParams("params._meta[\"" + Modern.META_LOG_LEVEL + "\"] must be a log level string");
    }
    String methodHeader = headers.get(Modern.HEADER_METHOD);
    if (methodHeader == null) {
      throw mismatch("the " + Modern.HEADER_METHOD + " header is required");
    }
    if (!methodHeader.equals(method)) {
      throw mismatch(Modern.HEADER_METHOD + " header value '" + methodHeader + "' does not match the body's method '" + method + "'");
    }
    if (Modern.INPUT_CAPABLE.contains(method)) {
      checkName(headers.get(Modern.HEADER_NAME), params.getValue(Modern.nameField(method)), Modern.nameField(method));
    }
    return new Checked(version, capabilities, (JsonObject) clientInfo, (String) logLevel);
  }

  private static void checkName(String header, Object body, String field) {
    if (header == null) {
      throw mismatch("the " + Modern.HEADER_NAME + " header is required for this method");
    }
    String decoded = decode(header, Modern.HEADER_NAME);
    if (!(body instanceof String value) || !decoded.equals(value)) {
      throw mismatch(Modern.HEADER_NAME + " header value '" + decoded + "' does not match params." + field);
    }
  }

  /**
   * The {@code Mcp-Param-*} headers of a {@code tools/call}: each parameter the tool's schema marks with
   * {@code x-mcp-header} and the call's arguments carry must come with its header, equal to the argument (integers
   * compared as numbers). Headers the tool does not declare are ignored, as intermediaries must.
   */
  static void checkParams(MultiMap headers, JsonObject inputSchema, JsonObject arguments) {
    if (inputSchema == null) {
      return;
    }
    for (XMcpHeaders.Param declared : XMcpHeaders.declared(inputSchema)) {
      Object value = XMcpHeaders.valueAt(arguments, declared.path());
      if (value == null) {
        continue;
      }
      String name = Modern.HEADER_PARAM_PREFIX + declared.header();
      String header = headers.get(name);
      if (header == null) {
        throw mismatch("the " + name + " header is required: the tool mirrors that argument into it");
      }
      if (!XMcpHeaders.matches(decode(header, name), value)) {
        throw mismatch(name + " header value does not match the argument it mirrors");
      }
    }
  }

  /** A header value, Base64 sentinel form decoded; a value with characters no header may carry is refused. */
  static String decode(String value, String header) {
    try {
      return HeaderValues.decode(value);
    } catch (IllegalArgumentException e) {
      throw mismatch(header + " header carries " + e.getMessage());
    }
  }

  private static McpException mismatch(String message) {
    return new McpException(Modern.HEADER_MISMATCH, "Header mismatch: " + message);
  }
}
