package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpException;
import io.vertx.core.json.JsonObject;

/**
 * The hub answers every list request ({@code tools/list}, {@code prompts/list}, {@code resources/list},
 * {@code resources/templates/list}) in one page and never hands out a {@code nextCursor}, so no cursor a client sends
 * can be one of its own: any {@code cursor} is refused with invalid params instead of being ignored.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination#error-handling">Pagination: invalid cursors should result in -32602</a>
 */
final class ListCursor {

  private ListCursor() {
  }

  /** Throws {@link McpException} (invalid params) when {@code params} carries a {@code cursor}. */
  static void refuseAny(JsonObject params) {
    Object cursor = params.getValue("cursor");
    if (cursor != null) {
      throw McpException.invalidParams("Invalid cursor: this server lists everything in one page and issued no cursor");
    }
  }
}
