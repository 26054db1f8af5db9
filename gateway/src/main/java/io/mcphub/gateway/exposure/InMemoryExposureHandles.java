package io.mcphub.gateway.exposure;

import io.mcphub.gateway.session.Session;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Handles in an insertion-ordered map on the hub's context, with each principal's ids in minting order beside it.
 * Minting sweeps expired handles from the oldest end, drops the principal's oldest beyond {@code maxPerPrincipal}, then
 * the hub's oldest beyond {@code maxHandles}. Every removal takes a principal's oldest handle (all handles share one
 * lifetime), so each principal's queue loses its head.
 */
final class InMemoryExposureHandles implements ExposureHandles {

  /** 128 bits: a handle is a bearer secret of its owner (with auth, it is also bound to the owner). */
  private static final int ID_BYTES = 16;

  private final Duration ttl;
  private final int maxHandles;
  private final int maxPerPrincipal;
  private final LongSupplier clock;
  private final LinkedHashMap<String, ExposureHandle> handles = new LinkedHashMap<>();
  private final Map<String, ArrayDeque<String>> byOwner = new HashMap<>();

  InMemoryExposureHandles(Duration ttl, int maxHandles, int maxPerPrincipal, LongSupplier clock) {
    if (ttl.isNegative() || ttl.isZero() || maxHandles < 1 || maxPerPrincipal < 1) {
      throw new IllegalArgumentException("an exposure handle store needs a positive lifetime and capacities");
    }
    this.ttl = ttl;
    this.maxHandles = maxHandles;
    this.maxPerPrincipal = maxPerPrincipal;
    this.clock = clock;
  }

  @Override
  public ExposureHandle mint(String owner, Set<String> categories, List<String> tools) {
    long now = clock.getAsLong();
    ExposureHandle handle = new ExposureHandle(Session.randomId(ID_BYTES), owner, categories, tools, now + ttl.toMillis());
    admit(handle, now);
    return handle;
  }

  @Override
  public void adopt(ExposureHandle handle) {
    long now = clock.getAsLong();
    if (handles.containsKey(handle.id()) || now >= handle.expiresAt()) {
      return;
    }
    admit(handle, now);
  }

  /** Sweeps out what expired, makes room among its owner's handles, and keeps {@code handle}. */
  private void admit(ExposureHandle handle, long now) {
    sweep(now);
    ArrayDeque<String> owned = handle.owner() == null ? null : byOwner.computeIfAbsent(handle.owner(), key -> new ArrayDeque<>());
    if (owned != null && owned.size() >= maxPerPrincipal) {
      handles.remove(owned.pollFirst());
    }
    keep(handle, owned);
  }

  /** Adds {@code handle} as the newest (its owner's too), then drops the hub's oldest beyond {@code maxHandles}. */
  private void keep(ExposureHandle handle, ArrayDeque<String> owned) {
    handles.put(handle.id(), handle);
    if (owned != null) {
      owned.addLast(handle.id());
    }
    Iterator<ExposureHandle> oldest = handles.values().iterator();
    while (handles.size() > maxHandles) {
      forgetOwner(oldest.next());
      oldest.remove();
    }
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
    while (oldest.hasNext()) {
      ExposureHandle handle = oldest.next();
      if (now < handle.expiresAt()) {
        return;
      }
      forgetOwner(handle);
      oldest.remove();
    }
  }

  /** Takes {@code handle}, its owner's oldest, off the owner's queue; forgets an owner with none left. */
  private void forgetOwner(ExposureHandle handle) {
    ArrayDeque<String> owned = handle.owner() == null ? null : byOwner.get(handle.owner());
    if (owned == null) {
      return;
    }
    owned.remove(handle.id());
    if (owned.isEmpty()) {
      byOwner.remove(handle.owner());
    }
  }

}
