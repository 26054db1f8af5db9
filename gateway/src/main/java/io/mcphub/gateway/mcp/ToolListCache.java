package io.mcphub.gateway.mcp;

import io.mcphub.gateway.exposure.Exposure;
import io.mcphub.gateway.jsonrpc.EncodedResult;
import io.mcphub.gateway.session.Grant;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code tools/list} results, built and encoded once per exposure and shared by the sessions that have it. An entry is
 * keyed by the registry's tool collection (replaced on every rebuild, so a changed upstream list misses), the filtering
 * options (replaced on a config reload), the session's exposure and its grant (values: sessions with equal exposures
 * and equal grants share one entry; a different OAuth scope set is a different list). At most
 * {@link #MAX_ENTRIES} are kept, least recently used first out.
 */
final class ToolListCache {

  static final int MAX_ENTRIES = 32;

  /**
   * What a session's tool list depends on. {@code catalog} and {@code options} compare by identity (a new object means
   * a new list), {@code exposure} ({@code null} when the list does not depend on it) and {@code grant} by value.
   */
  record View(Object catalog, Object options, Exposure exposure, Grant grant) {

    @Override
    public boolean equals(Object o) {
      return o instanceof View other && other.catalog == catalog && other.options == options
          && java.util.Objects.equals(other.exposure, exposure) && other.grant.equals(grant);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * (31 * System.identityHashCode(catalog) + System.identityHashCode(options))
          + java.util.Objects.hashCode(exposure)) + grant.hashCode();
    }
  }

  private final Map<View, EncodedResult> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<View, EncodedResult> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The cached result for {@code view}, built now if there is none. */
  synchronized EncodedResult get(View view, Supplier<JsonObject> build) {
    return entries.computeIfAbsent(view, key -> new EncodedResult(build.get()));
  }
}
