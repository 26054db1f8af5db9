package io.mcphub.gateway.cluster;

/** The event-bus addresses the hub's nodes use between them (categorizers keep theirs in {@code CategorizerAddresses}). */
final class ClusterAddresses {

  /** Published to every node when a client ends a session (DELETE): each drops its copy. */
  static final String SESSION_ENDED = "mcphub.session.ended";
  /** Published to every node: a client message about a request the node which received it does not hold. */
  static final String SESSION_UNPLACED = "mcphub.session.unplaced";
  /** Plus a session's public handle: consumed by the node holding the session's stream while it is open. */
  static final String SESSION_STREAM_PREFIX = "mcphub.session.stream.";

  private ClusterAddresses() {
  }
}
