package io.mcphub.gateway.mcp;

import io.mcphub.gateway.exposure.Exposure;
import io.mcphub.gateway.jsonrpc.EncodedResult;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code tools/list} results, built and encoded once per exposure and shared by the sessions that have it. An entry is
 * keyed by the registry's tool collection (replaced on every rebuild, so a changed upstream list misses), the filtering
 * options (replaced on a config reload) and the session's exposure (a value: equal exposures share one entry). At most
 * {@link #MAX_ENTRIES} are kept, least recently used first out.
 */
final class ToolListCache {

  static final int MAX_ENTRIES = 32;

  /** {@code catalog} and {@code options} compare by identity: a new object means a new list. */
  private record Key(Object catalog, Object options, Exposure exposure) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && other.catalog == catalog && other.options == options
          && java.util.Objects.equals(other.exposure, exposure);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * System.identityHashCode(catalog) + System.identityHashCode(options))
          + java.util.Objects.hashCode(exposure);
    }
  }

  private final Map<Key, EncodedResult> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, EncodedResult> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The cached result for this catalog, options and exposure ({@code null} when the list does not depend on it). */
  synchronized EncodedResult get(Object catalog, Object options, Exposure exposure, Supplier<JsonObject> build) {
    return entries.computeIfAbsent(new Key(catalog, options, exposure), key -> new EncodedResult(build.get()));
  }
}
