package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code server/discover}: the revisions the hub serves — 2026-07-28 per request, and the 2025 ones through an
 * {@code initialize} session on the same endpoint — its capabilities and instructions (those of {@code initialize}).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/server/discover">Discovery</a>
 */
final class DiscoverResult {

  private DiscoverResult() {
  }

  static JsonObject of() {
    JsonArray versions = new JsonArray();
    Modern.VERSIONS.forEach(versions::add);
    ProtocolVersions.SUPPORTED.forEach(versions::add);
    return new JsonObject()
        .put("supportedVersions", versions)
        .put("capabilities", InitializeHandler.capabilities())
        .put("instructions", InitializeHandler.INSTRUCTIONS);
  }
}
