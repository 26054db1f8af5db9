package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpException;
import io.vertx.core.json.JsonObject;

/** Typed reads of request params that fail with an invalid-params error naming the field. */
final class Params {

  private Params() {
  }

  static String requiredString(JsonObject params, String field) {
    Object value = params.getValue(field);
    if (value instanceof String text && !text.isEmpty()) {
      return text;
    }
    throw McpException.invalidParams("params." + field + " must be a non-empty string");
  }

  static JsonObject optionalObject(JsonObject params, String field) {
    Object value = params.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw McpException.invalidParams("params." + field + " must be an object");
  }
}
