package io.mcphub.gateway.jsonrpc;

import io.vertx.core.json.JsonObject;

/**
 * A protocol-level failure that becomes a JSON-RPC error response. Thrown or failed into futures
 * anywhere below the dispatcher; turned into a wire error in exactly one place
 * ({@link JsonRpc#error(Object, McpException)}). Carries no stack trace: it is an answer, not a bug.
 */
public final class McpException extends RuntimeException {

  private final int code;
  private final Object data;

  public McpException(int code, String message) {
    this(code, message, null);
  }

  public McpException(int code, String message, Object data) {
    super(message, null, false, false);
    this.code = code;
    this.data = data;
  }

  /** Rebuilds an error an upstream returned, keeping its code, message and data. */
  public static McpException fromError(JsonObject error) {
    if (error == null) {
      return new McpException(JsonRpc.INTERNAL_ERROR, "upstream returned an error without details");
    }
    Object code = error.getValue("code");
    int value = code instanceof Number number ? number.intValue() : JsonRpc.INTERNAL_ERROR;
    return new McpException(value, String.valueOf(error.getValue("message", "upstream error")), error.getValue("data"));
  }

  public static McpException invalidParams(String message) {
    return new McpException(JsonRpc.INVALID_PARAMS, message);
  }

  public int code() {
    return code;
  }

  public Object data() {
    return data;
  }
}
