package io.mcphub.gateway.session;

import java.util.Collection;

/**
 * Where sessions live. In memory today; the interface is what a clustered store would implement (its
 * sessions addressable by a handle that need not be an HTTP session id).
 */
public interface SessionStore {

  static SessionStore inMemory() {
    return new InMemorySessionStore();
  }

  void put(Session session);

  Session get(String id);

  Session remove(String id);

  Collection<Session> all();

  int size();
}
