package io.mcphub.gateway.http;

/** HTTP header names and media types of the MCP transports: the one place they are spelled. */
public final class McpHeaders {

  public static final String SESSION_ID = "Mcp-Session-Id";
  public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
  public static final String JSON = "application/json";
  public static final String EVENT_STREAM = "text/event-stream";

  private McpHeaders() {
  }
}
