package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code prompts/list} (one page; a {@code cursor} is refused) and {@code prompts/get} (arguments forwarded unchanged,
 * the name translated back to the upstream's own).
 */
final class PromptHandlers {

  private final CapabilityRegistry registry;
  private final Forwarding forwarding;

  PromptHandlers(CapabilityRegistry registry, Forwarding forwarding) {
    this.registry = registry;
    this.forwarding = forwarding;
  }

  Future<JsonObject> list(McpRequest request) {
    ListCursor.refuseAny(request.params());
    JsonArray prompts = new JsonArray();
    registry.prompts().forEach(prompt -> {
      if (request.session().grant().allowsServer(prompt.upstream().name())) {
        prompts.add(prompt.definition());
      }
    });
    return Future.succeededFuture(new JsonObject().put("prompts", prompts));
  }

  Future<JsonObject> get(McpRequest request) {
    String name = Params.requiredString(request.params(), "name");
    Params.optionalObject(request.params(), "arguments");
    CatalogEntry prompt = registry.prompt(name);
    if (prompt == null || !request.session().grant().allowsServer(prompt.upstream().name())) {
      return Future.failedFuture(McpException.invalidParams("Unknown prompt: " + name));
    }
    JsonObject params = request.params().put("name", prompt.originalName());
    return forwarding.forward(request, prompt.upstream(), McpMethods.PROMPTS_GET, params);
  }
}
