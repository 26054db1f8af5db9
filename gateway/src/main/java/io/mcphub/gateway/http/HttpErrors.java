package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.vertx.core.http.HttpServerResponse;

/** Transport-level refusals: an HTTP status with a JSON-RPC error body (id null) that says what was wrong. */
final class HttpErrors {

  private HttpErrors() {
  }

  static void send(HttpServerResponse response, int status, int code, String message) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", McpHeaders.JSON)
        .end(JsonRpc.error(null, new McpException(code, message)).encode());
  }

  static void badRequest(HttpServerResponse response, String message) {
    send(response, 400, JsonRpc.INVALID_REQUEST, message);
  }
}
