package io.mcphub.gateway.upstream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The client-side exchange that caused an upstream request: every request the hub sends upstream for a client
 * carries one. Messages an upstream sends about that request (progress, log messages, sampling / elicitation /
 * roots requests) are relayed through it to the client that made the call, and to no other.
 */
public interface RequestOrigin {

  /** The handle of the client this exchange belongs to (a session id today); equal handles mean one client. */
  String clientId();

  /** Relays a notification to the client. */
  void notify(JsonObject notification);

  /** Relays a server-to-client request; completes with the client's result or fails with its error. */
  Future<JsonObject> request(String method, JsonObject params);

  /**
   * True when the client takes an {@code input_required} result (MCP 2026-07-28 MRTR) and retries by itself; a 2025
   * client does not, so the hub answers a modern upstream's input requests through {@link #request} and retries for it.
   */
  default boolean acceptsInputRequired() {
    return false;
  }
}
