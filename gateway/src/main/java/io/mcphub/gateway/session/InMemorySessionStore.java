package io.mcphub.gateway.session;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sessions in a map, on the hub's context. */
final class InMemorySessionStore implements SessionStore {

  private final Map<String, Session> sessions = new LinkedHashMap<>();

  @Override
  public void put(Session session) {
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
}
