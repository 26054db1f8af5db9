package io.mcphub.gateway.support;

import io.modelcontextprotocol.spec.McpSchema;

/** Reading tool results in tests. */
public final class Results {

  private Results() {
  }

  /** The text of the first content item of a tool result. */
  public static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
