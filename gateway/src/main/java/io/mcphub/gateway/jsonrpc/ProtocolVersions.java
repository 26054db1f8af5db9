package io.mcphub.gateway.jsonrpc;

import java.util.List;

/**
 * MCP protocol revisions the hub negotiates at {@code initialize}, newest first.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation">Version negotiation</a>
 */
public final class ProtocolVersions {

  public static final String V2025_11_25 = "2025-11-25";
  public static final String V2025_06_18 = "2025-06-18";
  public static final String V2025_03_26 = "2025-03-26";
  public static final String V2024_11_05 = "2024-11-05";
  public static final String LATEST = V2025_11_25;
  public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

  private ProtocolVersions() {
  }

  public static boolean isSupported(String version) {
    return SUPPORTED.contains(version);
  }

  /** The requested revision when supported, otherwise the newest one (the client then decides). */
  public static String negotiate(String requested) {
    return isSupported(requested) ? requested : LATEST;
  }

  /** JSON-RPC batches were part of MCP until 2025-06-18 removed them. */
  public static boolean allowsBatches(String version) {
    return V2025_03_26.equals(version) || V2024_11_05.equals(version);
  }
}
