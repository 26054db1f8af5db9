package io.mcphub.gateway.jsonrpc;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * JSON-RPC 2.0 error codes and message builders: the one place they are spelled.
 *
 * <p>Ids are kept as the JSON value the peer sent ({@code String}, {@code Number} or {@code null}) and
 * echoed verbatim.
 */
public final class JsonRpc {

  public static final String VERSION = "2.0";

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  /** The upstream server that owns the target is not connected (crashed, restarting, stopped). */
  public static final int UPSTREAM_UNAVAILABLE = -32000;
  /** The upstream server did not answer within the per-call timeout. */
  public static final int REQUEST_TIMEOUT = -32001;
  /** MCP: the requested resource does not exist. */
  public static final int RESOURCE_NOT_FOUND = -32002;
  /** The request was cancelled by the client before the upstream answered. */
  public static final int REQUEST_CANCELLED = -32800;

  private JsonRpc() {
  }

  public static JsonObject request(Object id, String method, JsonObject params) {
    JsonObject message = new JsonObject().put("jsonrpc", VERSION).put("id", id).put("method", method);
    return params == null ? message : message.put("params", params);
  }

  public static JsonObject notification(String method, JsonObject params) {
    JsonObject message = new JsonObject().put("jsonrpc", VERSION).put("method", method);
    return params == null ? message : message.put("params", params);
  }

  public static JsonObject result(Object id, JsonObject result) {
    return new JsonObject().put("jsonrpc", VERSION).put("id", id).put("result", result == null ? new JsonObject() : result);
  }

  public static JsonObject error(Object id, McpException error) {
    JsonObject body = new JsonObject().put("code", error.code()).put("message", error.getMessage());
    if (error.data() != null) {
      body.put("data", error.data());
    }
    return new JsonObject().put("jsonrpc", VERSION).put("id", id).put("error", body);
  }

  /**
   * The JSON text of a message to send. A response carrying an {@link EncodedResult} gets that result's text spliced in
   * rather than serialised again.
   */
  public static String encode(JsonObject message) {
    if (message.size() == 3 && message.getValue("result") instanceof EncodedResult result) {
      return head(message) + result.encoded() + "}";
    }
    return message.encode();
  }

  /** A response's text up to its result: {@code {"jsonrpc":"2.0","id":<id>,"result":}. */
  private static String head(JsonObject response) {
    return "{\"jsonrpc\":\"" + VERSION + "\",\"id\":" + encodeId(response.getValue("id")) + ",\"result\":";
  }

  /**
   * The bytes of a message to send, as {@link #encode} spells it. A response carrying an {@link EncodedResult} is its
   * envelope around the result's UTF-8 bytes, which a cached result keeps: a large tool list is neither concatenated
   * into a new string nor encoded to UTF-8 again per request.
   */
  public static Buffer toBuffer(JsonObject message) {
    if (message.size() == 3 && message.getValue("result") instanceof EncodedResult result) {
      Buffer head = Buffer.buffer(head(message));
      Buffer body = result.bytes();
      return Buffer.buffer(head.length() + body.length() + 1).appendBuffer(head).appendBuffer(body).appendByte((byte) '}');
    }
    return message.toBuffer();
  }

  /**
   * An id as JSON, as Jackson writes it: integers and strings of plain ASCII (what clients send) without setting up a
   * generator for each response; anything else through Jackson.
   */
  static String encodeId(Object id) {
    if (id instanceof Integer || id instanceof Long) {
      return id.toString();
    }
    if (id instanceof String text && isPlainAscii(text)) {
      return "\"" + text + "\"";
    }
    return Json.encode(id);
  }

  /** No character JSON escapes: printable ASCII other than the quote and the backslash. */
  private static boolean isPlainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  public static boolean isRequest(JsonObject message) {
    return message.containsKey("method") && message.containsKey("id");
  }

  public static boolean isNotification(JsonObject message) {
    return message.containsKey("method") && !message.containsKey("id");
  }

  public static boolean isResponse(JsonObject message) {
    return !message.containsKey("method") && (message.containsKey("result") || message.containsKey("error"));
  }

  /**
   * What makes {@code item} not a JSON-RPC 2.0 request, notification or response, or null when it is one.
   */
  public static String problemWith(Object item) {
    if (!(item instanceof JsonObject message)) {
      return "a JSON-RPC message must be a JSON object";
    }
    if (!VERSION.equals(message.getValue("jsonrpc"))) {
      return "\"jsonrpc\" must be \"2.0\"";
    }
    Object id = message.getValue("id");
    if (message.containsKey("method")) {
      if (!(message.getValue("method") instanceof String)) {
        return "\"method\" must be a string";
      }
      return message.containsKey("id") && !isValidId(id) ? "\"id\" must be a string or a number" : null;
    }
    if (isResponse(message) && (isValidId(id) || id == null)) {
      return null;
    }
    return "not a request, notification or response: it needs \"method\", or \"id\" with \"result\" or \"error\"";
  }

  /** A valid JSON-RPC id is a string, a number, or (for error responses only) null. */
  public static boolean isValidId(Object id) {
    return id instanceof String || id instanceof Number;
  }
}
