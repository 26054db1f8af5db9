package io.mcphub.gateway.exposure;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Exposure state in a map on the hub's context. */
final class InMemoryExposureStore implements ExposureStore {

  private final Map<String, Set<String>> exposed = new HashMap<>();

  @Override
  public Set<String> get(String handle) {
    return exposed.get(handle);
  }

  @Override
  public void put(String handle, Set<String> categories) {
    exposed.put(handle, Set.copyOf(categories));
  }

  @Override
  public void remove(String handle) {
    exposed.remove(handle);
  }

  @Override
  public int size() {
    return exposed.size();
  }
}
