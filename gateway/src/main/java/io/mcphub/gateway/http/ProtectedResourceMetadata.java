package io.mcphub.gateway.http;

import io.mcphub.gateway.auth.OAuthOptions;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's OAuth 2.0 Protected Resource Metadata (RFC 9728): which resource it is, which authorization server issues
 * its tokens, the scopes it knows, and that tokens go in the {@code Authorization} header. Open to everyone: a client
 * reads it to learn where to get a token (MCP authorization, "Authorization Server Location").
 */
final class ProtectedResourceMetadata implements Handler<RoutingContext> {

  private final String document;

  ProtectedResourceMetadata(OAuthOptions options) {
    this.document = new JsonObject()
        .put("resource", options.resource())
        .put("authorization_servers", new JsonArray().add(options.issuer()))
        .put("scopes_supported", new JsonArray(options.scopesSupported()))
        .put("bearer_methods_supported", new JsonArray().add("header"))
        .put("resource_name", "mcp-hub")
        .encode();
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", McpHeaders.JSON).putHeader("Cache-Control", "max-age=300").end(document);
  }
}
