package io.mcphub.gateway.mcp;

import io.mcphub.gateway.exposure.Exposure;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code tools/list} and {@code tools/call}, both governed by the same {@link ExposurePolicy}; meta tools first. A call
 * to a tool of a configured server that is not connected right now is answered {@code UPSTREAM_UNAVAILABLE} (retry),
 * not "Unknown tool".
 */
final class ToolHandlers {

  private final CapabilityRegistry registry;
  private final ExposurePolicy exposure;
  private final MetaTools meta;
  private final Forwarding forwarding;
  private final ToolListCache listed = new ToolListCache();

  ToolHandlers(CapabilityRegistry registry, ExposurePolicy exposure, MetaTools meta, Forwarding forwarding) {
    this.registry = registry;
    this.exposure = exposure;
    this.meta = meta;
    this.forwarding = forwarding;
  }

  Future<JsonObject> list(McpRequest request) {
    ListCursor.refuseAny(request.params());
    Session session = request.session();
    // outside prompt-based mode what a session sees does not depend on the session
    Exposure shown = exposure.promptBased() ? exposure.exposure(session) : null;
    Iterable<CatalogEntry> catalog = registry.tools();
    return Future.succeededFuture(listed.get(catalog, exposure.options(), shown, () -> build(catalog, session)));
  }

  private JsonObject build(Iterable<CatalogEntry> catalog, Session session) {
    JsonArray tools = new JsonArray();
    if (exposure.listsMetaTools()) {
      MetaTools.definitions().forEach(tools::add);
    }
    java.util.function.Predicate<CatalogEntry> visible = exposure.visibleTo(session);
    for (CatalogEntry tool : catalog) {
      if (visible.test(tool)) {
        tools.add(tool.definition());
      }
    }
    return new JsonObject().put("tools", tools);
  }

  Future<JsonObject> call(McpRequest request) {
    String name = Params.requiredString(request.params(), "name");
    Params.optionalObject(request.params(), "arguments");
    if (meta.handles(name)) {
      return meta.call(name, request);
    }
    CatalogEntry tool = registry.tool(name);
    if (tool == null) {
      McpException unavailable = unavailableOwner(registry, name);
      return Future.failedFuture(unavailable != null ? unavailable : McpException.invalidParams("Unknown tool: " + name));
    }
    if (!exposure.visible(request.session(), tool)) {
      return Future.failedFuture(McpException.invalidParams("Unknown tool: " + name));
    }
    JsonObject params = request.params().put("name", tool.originalName());
    return forwarding.forward(request, tool.upstream(), McpMethods.TOOLS_CALL, params);
  }

  /**
   * For a name no listed tool has: the retryable error when a configured server owns its namespace but is not connected
   * (restarting, stopped), else null (the name is unknown).
   */
  static McpException unavailableOwner(CapabilityRegistry registry, String name) {
    Upstream owner = registry.namespaceOwner(name);
    return owner == null ? null : UpstreamUnavailable.whileNotConnected(owner);
  }
}
