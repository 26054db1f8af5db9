package io.mcphub.gateway.exposure;

import java.util.HashMap;
import java.util.Map;

/** Exposure state in a map on the hub's context. */
final class InMemoryExposureStore implements ExposureStore {

  private final Map<String, Exposure> exposed = new HashMap<>();

  @Override
  public Exposure get(String handle) {
    return exposed.get(handle);
  }

  @Override
  public void put(String handle, Exposure exposure) {
    exposed.put(handle, exposure);
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
