package io.mcphub.gateway.mcp;

import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code tools/list} and {@code tools/call}, both governed by the same {@link ExposurePolicy}; meta tools first. A call
 * to a tool of a configured server that is not connected right now is answered {@code UPSTREAM_UNAVAILABLE} (retry),
 * a call to a tool hidden from the session says so and how to get it, and only a name no tool has is "Unknown tool"
 * ({@link ToolLookup}).
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
    Iterable<CatalogEntry> catalog = registry.tools();
    ToolListCache.View view = ToolListCache.View.of(catalog, exposure, session);
    return Future.succeededFuture(listed.get(view, () -> build(catalog, session)));
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
    ToolLookup.Found found = ToolLookup.listed(registry, exposure, request.session(), name);
    if (found.refusal() != null) {
      return Future.failedFuture(found.refusal());
    }
    CatalogEntry tool = found.tool();
    JsonObject params = request.params().put("name", tool.originalName());
    return forwarding.forward(request, tool.upstream(), McpMethods.TOOLS_CALL, params);
  }
}
