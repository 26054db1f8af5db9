package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@code completion/complete}: routed by the prompt name or resource URI in {@code ref}. */
final class CompletionHandler implements McpHandler {

  private final CapabilityRegistry registry;
  private final Forwarding forwarding;

  CompletionHandler(CapabilityRegistry registry, Forwarding forwarding) {
    this.registry = registry;
    this.forwarding = forwarding;
  }

  @Override
  public Future<JsonObject> handle(McpRequest request) {
    JsonObject ref = Params.optionalObject(request.params(), "ref");
    if (ref == null) {
      return Future.failedFuture(McpException.invalidParams("params.ref must be an object"));
    }
    String type = ref.getValue("type") instanceof String text ? text : "";
    if ("ref/prompt".equals(type)) {
      CatalogEntry prompt = registry.prompt(Params.requiredString(ref, "name"));
      if (prompt == null || !request.session().grant().allowsServer(prompt.upstream().name())) {
        return Future.failedFuture(McpException.invalidParams("Unknown prompt: " + ref.getValue("name")));
      }
      ref.put("name", prompt.originalName());
      return forwarding.forward(request, prompt.upstream(), McpMethods.COMPLETION_COMPLETE, request.params());
    }
    if ("ref/resource".equals(type)) {
      String uri = Params.requiredString(ref, "uri");
      Upstream owner = registry.resourceOwner(uri);
      if (owner == null || !request.session().grant().allowsServer(owner.name())) {
        return Future.failedFuture(new McpException(JsonRpc.RESOURCE_NOT_FOUND, "Resource not found: " + uri));
      }
      return forwarding.forward(request, owner, McpMethods.COMPLETION_COMPLETE, request.params());
    }
    return Future.failedFuture(McpException.invalidParams(
        "params.ref.type must be \"ref/prompt\" or \"ref/resource\""));
  }
}
