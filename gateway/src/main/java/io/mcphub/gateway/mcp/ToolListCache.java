package io.mcphub.gateway.mcp;

import io.mcphub.gateway.exposure.Exposure;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.jsonrpc.EncodedResult;
import io.mcphub.gateway.session.Grant;
import io.mcphub.gateway.session.Session;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code tools/list} results, built and encoded once per exposure and shared by the sessions that have it. An entry is
 * keyed by the registry's tool collection (replaced on every rebuild, so a changed upstream list misses), the filtering
 * options (replaced on a config reload), the session's exposure and its grant (values: sessions with equal exposures
 * and equal grants share one entry; a different OAuth scope set is a different list), and the view the session serves
 * (a view's list follows its own rule, so a view's sessions share entries only with sessions of the same view). At most
 * {@link #MAX_ENTRIES} are kept, least recently used first out.
 */
final class ToolListCache {

  static final int MAX_ENTRIES = 32;

  /**
   * What a session's tool list depends on. {@code catalog} and {@code options} compare by identity (a new object means
   * a new list), {@code exposure} ({@code null} when the list does not depend on it), {@code grant} and {@code viewId}
   * ({@code null} off a view URL) by value.
   */
  record View(Object catalog, Object options, Exposure exposure, Grant grant, String viewId) {

    /** What {@code session}'s list depends on under {@code policy}, for the registry's current {@code catalog}. */
    static View of(Object catalog, ExposurePolicy policy, Session session) {
      // outside prompt-based mode what a session sees depends only on its grant, unless a view restricts it
      boolean exposed = policy.promptBased() || session.view() != null;
      return new View(catalog, policy.options(), exposed ? policy.exposure(session) : null, session.grant(), session.view());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof View other && other.catalog == catalog && other.options == options
          && java.util.Objects.equals(other.exposure, exposure) && other.grant.equals(grant)
          && java.util.Objects.equals(other.viewId, viewId);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * (31 * (31 * System.identityHashCode(catalog) + System.identityHashCode(options))
          + java.util.Objects.hashCode(exposure)) + grant.hashCode()) + java.util.Objects.hashCode(viewId);
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
