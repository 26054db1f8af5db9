package io.mcphub.gateway.upstream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/**
 * Moves JSON-RPC messages to and from one upstream server: a child process over stdio, or a remote
 * server over Streamable HTTP or the legacy HTTP+SSE transport. Handlers run on the owner's context.
 */
public interface UpstreamTransport {

  /** Receives each message the server sends. */
  @FunctionalInterface
  interface MessageHandler {
    /**
     * @param relatedRequestId the id of the hub's request on whose response stream the message came, when the
     *     transport knows it (Streamable HTTP); {@code null} otherwise
     */
    void handle(JsonObject message, Object relatedRequestId);
  }

  /**
   * Starts the process or connection. {@code closeHandler} is called once, with a reason, when the
   * transport ends without {@link #close()} having been called (crash, exit, lost connection).
   */
  Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler);

  /**
   * Sends one message. Fails with {@link SessionExpiredException} when a remote server no longer knows
   * the session (its owner re-initializes and retries).
   */
  Future<Void> send(JsonObject message);

  /** Tells an HTTP transport the revision negotiated at initialize, for the {@code MCP-Protocol-Version} header. */
  default void protocolVersion(String version) {
  }

  /** Ends the process (and its children) or the remote session. Never fails. */
  Future<Void> close();
}
