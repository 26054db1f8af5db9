package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.EncodedResult;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.Modern;
import io.vertx.core.json.JsonObject;

/**
 * What every 2026-07-28 answer carries that a 2025 one does not: {@code resultType} (stamped {@code complete} unless the
 * result already says, e.g. an upstream's {@code input_required}), the hub's {@code serverInfo} in {@code _meta}, and on
 * the six cacheable results a freshness hint and a scope; resource-not-found is {@code -32602} with {@code data.uri}.
 *
 * <p>The hint is {@link #TTL_MS}: the hub's lists follow its upstreams, which may change at any moment, so a client
 * re-fetches when it needs a list and learns of changes on {@code subscriptions/listen}. The scope is {@code private}
 * whenever the answer may depend on the caller (the hub checks credentials, or the request came through a view URL),
 * and for every {@code resources/read}, whose content is the upstream's; {@code public} otherwise.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/caching">Caching</a>
 */
public final class ModernResults {

  /** Freshness of a cacheable result: none (re-fetch when needed; changes are announced on listen streams). */
  public static final long TTL_MS = 0;
  private static final String PUBLIC = "public";
  private static final String PRIVATE = "private";

  private ModernResults() {
  }

  /**
   * A copy of {@code result} with the modern envelope (results may be shared, e.g. a cached tool list).
   *
   * @param callerSpecific whether the answer may differ between callers (see the class comment)
   */
  public static JsonObject stamp(String method, JsonObject result, boolean callerSpecific) {
    JsonObject envelope = new JsonObject();
    boolean complete = !(result.getValue(Modern.RESULT_TYPE) instanceof String type) || Modern.COMPLETE.equals(type);
    if (!(result.getValue(Modern.RESULT_TYPE) instanceof String)) {
      envelope.put(Modern.RESULT_TYPE, Modern.COMPLETE);
    }
    JsonObject meta = result.getValue("_meta") instanceof JsonObject object ? object.copy() : new JsonObject();
    envelope.put("_meta", meta.put(Modern.META_SERVER_INFO, InitializeHandler.serverInfo()));
    if (Modern.CACHEABLE.contains(method) && complete) {
      boolean isPrivate = callerSpecific || io.mcphub.gateway.jsonrpc.McpMethods.RESOURCES_READ.equals(method);
      envelope.put(Modern.TTL_MS, TTL_MS).put(Modern.CACHE_SCOPE, isPrivate ? PRIVATE : PUBLIC);
    }
    if (result instanceof EncodedResult encoded && envelope.fieldNames().stream().noneMatch(result::containsKey)) {
      // a cached list: the envelope is spliced into its text instead of encoding every tool again (only when no key of
      // the envelope is in the text already: a JSON object with a key twice is read differently by different parsers)
      return encoded.with(envelope);
    }
    JsonObject stamped = new JsonObject(new java.util.LinkedHashMap<>(result.getMap()));
    return stamped.mergeIn(envelope);
  }

  /** The error as 2026-07-28 words it: a resource that does not exist is invalid params, naming the URI. */
  public static McpException error(McpException error) {
    if (error.code() != JsonRpc.RESOURCE_NOT_FOUND) {
      return error;
    }
    JsonObject data = error.data() instanceof JsonObject object ? object.copy() : new JsonObject();
    return new McpException(JsonRpc.INVALID_PARAMS, error.getMessage(), data);
  }
}
