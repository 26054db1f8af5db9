package io.mcphub.gateway.mcp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Answers one MCP method. Returns the {@code result}, or a failed future with an {@code McpException}. */
@FunctionalInterface
public interface McpHandler {

  Future<JsonObject> handle(McpRequest request);
}
