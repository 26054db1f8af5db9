package io.mcphub.gateway.exposure;

/**
 * Exposure per handle: a session id with session isolation, one shared handle without. The handle
 * need not be an HTTP session (a 2026-07-28 client has none). In memory today; a clustered store implements
 * the same interface.
 */
public interface ExposureStore {

  static ExposureStore inMemory() {
    return new InMemoryExposureStore();
  }

  /** The handle's exposure, or null when it has none recorded (then the default applies). */
  Exposure get(String handle);

  void put(String handle, Exposure exposure);

  void remove(String handle);

  int size();
}
