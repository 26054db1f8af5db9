package io.mcphub.gateway.upstream;

import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How the hub tells a 2026-07-28 upstream from a legacy one, and what it takes from its {@code server/discover} answer
 * in place of an {@code initialize} result. Stateless.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/server/discover">Discovery</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">Versioning</a>
 */
final class ModernDiscovery {

  private ModernDiscovery() {
  }

  /** The probe's answer was not a 2026-07-28 server's. */
  static final class NotModern extends RuntimeException {
    NotModern(JsonObject discover) {
      super(discover == null ? "no server/discover" : "server/discover lists " + discover.getValue("supportedVersions")
          + ", not " + Modern.V2026_07_28, null, false, false);
    }
  }

  static boolean speaksModern(JsonObject discover) {
    return discover.getValue("supportedVersions") instanceof JsonArray versions && versions.contains(Modern.V2026_07_28);
  }

  /** A {@code server/discover} result in the shape of an {@code initialize} result, for the catalog. */
  static JsonObject asInitializeResult(JsonObject discover) {
    JsonObject meta = discover.getValue("_meta") instanceof JsonObject object ? object : new JsonObject();
    return new JsonObject()
        .put("protocolVersion", Modern.V2026_07_28)
        .put("capabilities", discover.getValue("capabilities") instanceof JsonObject caps ? caps : new JsonObject())
        .put("serverInfo", meta.getValue(Modern.META_SERVER_INFO) instanceof JsonObject info ? info : new JsonObject())
        .put("instructions", discover.getValue("instructions"));
  }

  /** The list changes to listen for: those of the lists the server has. */
  static JsonObject listenFilter(JsonObject capabilities) {
    JsonObject filter = new JsonObject();
    if (capabilities.getValue("tools") != null) {
      filter.put("toolsListChanged", true);
    }
    if (capabilities.getValue("prompts") != null) {
      filter.put("promptsListChanged", true);
    }
    if (capabilities.getValue("resources") != null) {
      filter.put("resourcesListChanged", true);
    }
    return filter;
  }

  /** An {@code initialize} refused with {@code -32022} whose {@code data.supported} names 2026-07-28. */
  static boolean asksForModern(Throwable error) {
    return error instanceof McpException mcp && mcp.code() == Modern.UNSUPPORTED_PROTOCOL_VERSION
        && ModernRequests.supportedVersions(mcp.data()).stream().anyMatch(Modern::isModern);
  }
}
