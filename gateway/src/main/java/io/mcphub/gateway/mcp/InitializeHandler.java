package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.mcphub.gateway.upstream.HubVersion;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code initialize}: negotiates the revision and advertises list changes for tools, prompts and
 * resources, always (the set of tools changes as upstreams come and go).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization">Initialization</a>
 */
final class InitializeHandler implements McpHandler {

  static final String SERVER_NAME = "mcp-hub";
  static final String INSTRUCTIONS = "mcp-hub: one endpoint in front of several MCP servers. Tool and prompt names are "
      + "<server>__<name>, except those of a server configured to keep its own names.";

  @Override
  public Future<JsonObject> handle(McpRequest request) {
    Object requested = request.params().getValue("protocolVersion");
    if (!(requested instanceof String text)) {
      return Future.failedFuture(McpException.invalidParams(
          "params.protocolVersion must be a string; supported: " + ProtocolVersions.SUPPORTED));
    }
    String version = ProtocolVersions.negotiate(text);
    request.session().initialized(version, Params.optionalObject(request.params(), "capabilities"),
        Params.optionalObject(request.params(), "clientInfo"));
    return Future.succeededFuture(new JsonObject()
        .put("protocolVersion", version)
        .put("capabilities", capabilities())
        .put("serverInfo", serverInfo())
        .put("instructions", INSTRUCTIONS));
  }

  /** The hub's name and version, as {@code initialize} and every 2026-07-28 result report it. */
  static JsonObject serverInfo() {
    return new JsonObject().put("name", SERVER_NAME).put("version", HubVersion.get());
  }

  /** What the hub serves, whatever its upstreams: list changes are announced for all three lists. */
  static JsonObject capabilities() {
    JsonObject listChanged = new JsonObject().put("listChanged", true);
    return new JsonObject()
        .put("tools", listChanged.copy())
        .put("prompts", listChanged.copy())
        .put("resources", listChanged.copy().put("subscribe", true))
        .put("logging", new JsonObject())
        .put("completions", new JsonObject());
  }
}
