package io.mcphub.gateway.session;

import io.vertx.core.json.JsonObject;

/** A stream of messages to a client (an SSE response). Written on the hub's context. */
public interface ClientStream {

  /** Writes one message; false when the stream has ended. */
  boolean write(JsonObject message);

  boolean isOpen();

  /** Writes a comment that keeps idle proxies from cutting the stream. */
  void heartbeat();

  /** Ends the stream (idempotent). */
  void end();
}
