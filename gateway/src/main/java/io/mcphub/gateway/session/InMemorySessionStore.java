package io.mcphub.gateway.session;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sessions in a map of bounded size, on the hub's context. */
final class InMemorySessionStore implements SessionStore {

  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final int capacity;

  InMemorySessionStore(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public void put(Session session) {
    if (sessions.size() >= capacity && !sessions.containsKey(session.id())) {
      throw new IllegalStateException("the session store is full (" + capacity + " sessions)");
    }
    sessions.put(session.id(), session);
  }

  @Override
  public Session get(String id) {
    return id == null ? null : sessions.get(id);
  }

  @Override
  public Session remove(String id) {
    return sessions.remove(id);
  }

  @Override
  public Collection<Session> all() {
    return Collections.unmodifiableCollection(sessions.values());
  }

  @Override
  public int size() {
    return sessions.size();
  }

  @Override
  public int capacity() {
    return capacity;
  }
}
