package io.mcphub.gateway.session;

import io.vertx.core.json.JsonObject;

/**
 * A stream of messages to a client (an SSE response). Written on the hub's context. Bounded: a stream whose
 * client stops reading is closed rather than buffered without limit.
 */
public interface ClientStream {

  /** Writes one message; false when the stream has ended or was just closed because its client does not read. */
  boolean write(JsonObject message);

  boolean isOpen();

  /** Writes a comment that keeps idle proxies from cutting the stream. */
  void heartbeat();

  /** Ends the stream (idempotent). */
  void end();
}
