package io.mcphub.gateway.session;

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

  /** The most sessions the store holds ({@code hub.maxSessions}); callers refuse new sessions beyond it. */
  int capacity();
}
