package io.mcphub.gateway.exposure;

import io.vertx.core.Future;

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

  /** A change of an exposure (null when none is recorded) into the next; serializable, so a cluster can apply it where the entry lives. */
  @FunctionalInterface
  interface Change extends java.util.function.UnaryOperator<Exposure>, java.io.Serializable {
  }

  /**
   * Replaces the handle's exposure with {@code change} applied to it. Alone that is a read and a put; a clustered store
   * applies the change to the entry where the cluster keeps it, so two nodes changing one exposure at once both keep
   * their change.
   */
  default void update(String handle, Change change) {
    put(handle, change.apply(get(handle)));
  }

  void remove(String handle);

  /** Frees this node's copy of an ended session's exposure (a clustered store keeps the shared one); else {@link #remove}. */
  default void forget(String handle) {
    remove(handle);
  }

  int size();

  /** Reads the handle's exposure as the cluster has it, before a request reads it synchronously; done at once alone. */
  default Future<Void> refresh(String handle) {
    return Future.succeededFuture();
  }

  /** Completes once the handle's latest exposure is where every node reads it (a clustered store). */
  default Future<Void> flush(String handle) {
    return Future.succeededFuture();
  }
}
