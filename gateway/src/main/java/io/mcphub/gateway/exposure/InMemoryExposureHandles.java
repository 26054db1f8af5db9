package io.mcphub.gateway.exposure;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Handles in an insertion-ordered map on the hub's context. Minting sweeps expired handles from the oldest end and
 * then drops the oldest beyond the capacity, so the map never holds more than {@code maxHandles}.
 */
final class InMemoryExposureHandles implements ExposureHandles {

  /** 128 bits: a handle is a bearer secret of its owner (with auth, it is also bound to the owner). */
  private static final int ID_BYTES = 16;
  private static final SecureRandom IDS = new SecureRandom();

  private final Duration ttl;
  private final int maxHandles;
  private final LongSupplier clock;
  private final Map<String, ExposureHandle> handles = new LinkedHashMap<>();

  InMemoryExposureHandles(Duration ttl, int maxHandles, LongSupplier clock) {
    if (ttl.isNegative() || ttl.isZero() || maxHandles < 1) {
      throw new IllegalArgumentException("an exposure handle store needs a positive lifetime and capacity");
    }
    this.ttl = ttl;
    this.maxHandles = maxHandles;
    this.clock = clock;
  }

  @Override
  public ExposureHandle mint(String owner, Set<String> categories, List<String> tools) {
    long now = clock.getAsLong();
    sweep(now);
    ExposureHandle handle = new ExposureHandle(newId(), owner, categories, tools, now + ttl.toMillis());
    handles.put(handle.id(), handle);
    Iterator<String> oldest = handles.keySet().iterator();
    while (handles.size() > maxHandles) {
      oldest.next();
      oldest.remove();
    }
    return handle;
  }

  @Override
  public Lookup lookup(String id, String principal) {
    ExposureHandle handle = id == null ? null : handles.get(id);
    if (handle == null) {
      return Lookup.refused(Problem.UNKNOWN);
    }
    if (!handle.isOwnedBy(principal)) {
      return Lookup.refused(Problem.FOREIGN);
    }
    return clock.getAsLong() >= handle.expiresAt() ? Lookup.refused(Problem.EXPIRED) : Lookup.found(handle);
  }

  @Override
  public Duration ttl() {
    return ttl;
  }

  @Override
  public int size() {
    return handles.size();
  }

  /** Drops expired handles from the oldest end (all handles share one lifetime, so expiry follows insertion). */
  private void sweep(long now) {
    Iterator<ExposureHandle> oldest = handles.values().iterator();
    while (oldest.hasNext() && now >= oldest.next().expiresAt()) {
      oldest.remove();
    }
  }

  private static String newId() {
    byte[] bytes = new byte[ID_BYTES];
    IDS.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
