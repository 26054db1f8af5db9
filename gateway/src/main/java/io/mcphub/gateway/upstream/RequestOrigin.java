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
   * True when the client speaks 2026-07-28 and takes an {@code input_required} result itself (MRTR): a modern upstream's
   * such result is then relayed untouched. False for a 2025 client, which gets the input requests as requests instead.
   */
  default boolean acceptsInputRequired() {
    return false;
  }

  /** The capabilities the client declared (for a 2026-07-28 client, on this very request), or null when unknown. */
  default JsonObject clientCapabilities() {
    return null;
  }
}
