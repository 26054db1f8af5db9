package io.mcphub.gateway.exposure;

import java.util.Set;

/**
 * Exposed categories per handle: a session id with session isolation, one shared handle without. The handle
 * need not be an HTTP session (a 2026-07-28 client has none). In memory today; a clustered store implements
 * the same interface.
 */
public interface ExposureStore {

  static ExposureStore inMemory() {
    return new InMemoryExposureStore();
  }

  /** The handle's exposed categories, or null when it has none recorded (then the default applies). */
  Set<String> get(String handle);

  void put(String handle, Set<String> categories);

  void remove(String handle);

  int size();
}
