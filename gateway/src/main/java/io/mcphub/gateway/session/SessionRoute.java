package io.mcphub.gateway.session;

import io.vertx.core.json.JsonObject;

/**
 * How a session reaches its client's stream when that stream is open on another node of a cluster: the node holding
 * the stream listens for the session's messages while it is open, and a node without it sends them there. A single
 * hub has no route (its sessions' streams are all local).
 */
public interface SessionRoute {

  /** The session's stream opened on this node: messages other nodes send for the session are written to it. */
  void opened(Session session);

  /** The session's stream on this node closed. */
  void closed(Session session);

  /** Sends {@code message} towards the node holding the session's stream; false when it cannot be sent at all. */
  boolean deliver(Session session, JsonObject message);

  /**
   * Offers the session's copies on the other nodes a client message this copy cannot place: a response to a request
   * another node sent, or the cancellation of a call another node runs.
   */
  void elsewhere(Session session, JsonObject message);
}
