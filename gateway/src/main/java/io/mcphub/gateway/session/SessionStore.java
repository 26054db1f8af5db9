package io.mcphub.gateway.session;

import io.vertx.core.Future;
import java.util.Collection;

/**
 * Where sessions live. In memory today; the interface is what a clustered store would implement (its
 * sessions addressable by a handle that need not be an HTTP session id).
 */
public interface SessionStore {

  /** An in-memory store of at most {@code capacity} sessions. */
  static SessionStore inMemory(int capacity) {
    return new InMemorySessionStore(capacity);
  }

  /** Adds a session; throws {@link IllegalStateException} when the store holds {@link #capacity()} already. */
  void put(Session session);

  Session get(String id);

  Session remove(String id);

  Collection<Session> all();

  int size();

  /** Whether other nodes share the store (a cluster); alone, the asynchronous methods below complete at once. */
  default boolean shared() {
    return false;
  }

  /**
   * The session {@code id} names: here, or (a clustered store) one another node opened, materialised on this node from
   * its shared record; null when no node knows it.
   */
  default Future<Session> find(String id) {
    return Future.succeededFuture(get(id));
  }

  /** Makes what a request changed in {@code session} visible to the other nodes (a clustered store); done at once alone. */
  default Future<Void> save(Session session) {
    return Future.succeededFuture();
  }

  /**
   * The client ended the session: a clustered store forgets its shared record and tells every node. Only the local
   * copy goes with {@link #remove} (an idle copy reaped, a node stopping): the session lives on elsewhere.
   */
  default void end(String id) {
  }

  /** The most sessions the store holds ({@code hub.maxSessions}); callers refuse new sessions beyond it. */
  int capacity();
}
