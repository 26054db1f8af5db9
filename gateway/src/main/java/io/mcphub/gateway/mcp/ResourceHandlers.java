package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.session.Grant;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Resources keep their URIs; each request is routed to the upstream that lists the URI or a matching template. */
final class ResourceHandlers {

  private final CapabilityRegistry registry;
  private final Forwarding forwarding;
  private final ResourceSubscriptions subscriptions;

  ResourceHandlers(CapabilityRegistry registry, Forwarding forwarding, ResourceSubscriptions subscriptions) {
    this.registry = registry;
    this.forwarding = forwarding;
    this.subscriptions = subscriptions;
  }

  Future<JsonObject> list(McpRequest request) {
    ListCursor.refuseAny(request.params());
    Grant grant = request.session().grant();
    List<JsonObject> resources = grant.everything() ? registry.resources() : registry.resources().stream()
        .filter(resource -> granted(grant, resource.getString("uri"))).toList();
    return Future.succeededFuture(new JsonObject().put("resources", new JsonArray(resources)));
  }

  Future<JsonObject> templates(McpRequest request) {
    ListCursor.refuseAny(request.params());
    Grant grant = request.session().grant();
    List<JsonObject> templates = grant.everything() ? registry.resourceTemplates()
        : registry.resourceTemplates(grant::allowsServer);
    return Future.succeededFuture(new JsonObject().put("resourceTemplates", new JsonArray(templates)));
  }

  Future<JsonObject> read(McpRequest request) {
    String uri = Params.requiredString(request.params(), "uri");
    return forwarding.forward(request, owner(request, uri), McpMethods.RESOURCES_READ, request.params());
  }

  Future<JsonObject> subscribe(McpRequest request) {
    String uri = Params.requiredString(request.params(), "uri");
    Upstream owner = owner(request, uri);
    JsonObject resources = owner.catalog().capabilities().getJsonObject("resources", new JsonObject());
    if (!resources.getBoolean("subscribe", false)) {
      return Future.failedFuture(new McpException(JsonRpc.METHOD_NOT_FOUND,
          "upstream server '" + owner.name() + "' does not support resource subscriptions"));
    }
    if (!subscriptions.subscribe(request.session(), uri) && !owner.config().isolation().perClient()) {
      return Future.succeededFuture(new JsonObject());
    }
    return forwarding.forward(request, owner, McpMethods.RESOURCES_SUBSCRIBE, request.params())
        .onFailure(error -> subscriptions.unsubscribe(request.session(), uri));
  }

  Future<JsonObject> unsubscribe(McpRequest request) {
    subscriptions.unsubscribe(request.session(), Params.requiredString(request.params(), "uri"));
    return Future.succeededFuture(new JsonObject());
  }

  private boolean granted(Grant grant, String uri) {
    Upstream owner = registry.resourceOwner(uri);
    return owner != null && grant.allowsServer(owner.name());
  }

  /** The upstream serving {@code uri}, if the session's grant allows it; else the same error as an unknown URI. */
  private Upstream owner(McpRequest request, String uri) {
    Upstream owner = registry.resourceOwner(uri);
    if (owner == null || !request.session().grant().allowsServer(owner.name())) {
      throw new McpException(JsonRpc.RESOURCE_NOT_FOUND, "Resource not found: " + uri, new JsonObject().put("uri", uri));
    }
    return owner;
  }
}
