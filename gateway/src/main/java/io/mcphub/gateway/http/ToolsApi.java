package io.mcphub.gateway.http;

import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code GET /api/tools}: every upstream tool with its category, in MCP Hub's shape ({@code server}, {@code name}
 * as the server knows it, {@code categories}) plus the namespaced name, the single {@code category} and
 * {@code categoryReason}: why it has that category ({@link io.mcphub.gateway.tools.CategoryReason}).
 */
final class ToolsApi {

  private final Hub hub;

  ToolsApi(Hub hub) {
    this.hub = hub;
  }

  void list(RoutingContext ctx) {
    JsonArray tools = new JsonArray();
    for (CatalogEntry tool : hub.registry().tools()) {
      tools.add(new JsonObject()
          .put("server", tool.upstream().name())
          .put("name", tool.originalName())
          .put("namespacedName", tool.name())
          .put("description", tool.definition().getString("description", ""))
          .put("category", tool.category())
          .put("categoryReason", tool.reason().toJson())
          .put("categories", new JsonArray().add(tool.category()))
          .put("enabled", true));
    }
    ctx.response().putHeader("Content-Type", McpHeaders.JSON)
        .end(new JsonObject().put("tools", tools).put("timestamp", Instant.now().toString()).encode());
  }
}
