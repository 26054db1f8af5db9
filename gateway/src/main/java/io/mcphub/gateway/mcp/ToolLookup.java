package io.mcphub.gateway.mcp;

import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Finds the upstream tool a call names, for {@code tools/call} and {@code hub__call_tool} alike, or says why it cannot
 * be called: its server is configured but not connected ({@code UPSTREAM_UNAVAILABLE}, retry); it exists but this
 * session cannot see it yet (exposure is per session: the answer says how to get it); or no tool has that name
 * ({@code Unknown tool: X}). A tool the filtering mode does not let this session reach at all is unknown to it.
 * Every refusal but the unavailable server is {@code -32602} (Invalid params), as the MCP spec's tools section shows
 * for an unknown tool.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling">Tools: error handling</a>
 */
final class ToolLookup {

  private ToolLookup() {
  }

  /** The tool, or the refusal of a call to it. */
  record Found(CatalogEntry tool, McpException refusal) {
  }

  /**
   * The tool {@code name} as {@code tools/call} may call it: listed to the session, or refused (a hidden tool with the
   * way to get it).
   */
  static Found listed(CapabilityRegistry registry, ExposurePolicy policy, Session session, String name) {
    CatalogEntry tool = registry.tool(name);
    if (tool == null) {
      return missing(registry, session, name);
    }
    if (policy.visible(session, tool)) {
      return new Found(tool, null);
    }
    return new Found(null, policy.callable(session, tool) ? hidden(name, policy.fixed(session)) : unknown(name));
  }

  /** The tool {@code name} as {@code hub__call_tool} may call it: whatever the filtering mode lets the session reach. */
  static Found callable(CapabilityRegistry registry, ExposurePolicy policy, Session session, String name) {
    CatalogEntry tool = registry.tool(name);
    if (tool == null) {
      return missing(registry, session, name);
    }
    return policy.callable(session, tool) ? new Found(tool, null) : new Found(null, unknown(name));
  }

  private static Found missing(CapabilityRegistry registry, Session session, String name) {
    McpException unavailable = unavailableOwner(registry, session, name);
    return new Found(null, unavailable != null ? unavailable : unknown(name));
  }

  /**
   * For a name no listed tool has: the retryable error when a configured server owns its namespace but is not connected
   * (restarting, stopped) and the session's grant covers that server, else null (the name is unknown: a caller
   * without the grant does not learn that the server exists, nor its state).
   */
  private static McpException unavailableOwner(CapabilityRegistry registry, Session session, String name) {
    Upstream owner = registry.namespaceOwner(name);
    return owner == null || !session.grant().allowsServer(owner.name()) ? null : UpstreamUnavailable.whileNotConnected(owner);
  }

  private static McpException unknown(String name) {
    return McpException.invalidParams("Unknown tool: " + name);
  }

  /**
   * A tool that exists upstream but is not exposed to this session (yet). A session whose list never changes (a
   * 2026-07-28 request, a view URL) is pointed at {@code hub__call_tool} only: an analysis cannot add to its list.
   */
  private static McpException hidden(String name, boolean fixedList) {
    String call = MetaTools.CALL + " {\"name\": \"" + name + "\", \"arguments\": {...}}";
    String message = fixedList
        ? "Tool " + name + " exists but is not in this list, which never changes (a " + Modern.V2026_07_28 + " request or"
            + " a view URL). Call it with " + call + ", or find tools with " + MetaTools.ANALYZE + "."
        : "Tool " + name + " exists but is hidden from this session (exposure is per session: a new session lists the hub's"
            + " meta tools and its default categories only). Call " + MetaTools.ANALYZE + " with the user's request to"
            + " add the tools it needs to this session's list, or call this one at once with " + call + ".";
    return new McpException(JsonRpc.INVALID_PARAMS, message,
        new JsonObject().put("tool", name).put("hidden", true).put("use", new JsonArray().add(MetaTools.ANALYZE).add(MetaTools.CALL)));
  }
}
