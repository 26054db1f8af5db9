package io.mcphub.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code mcpServers} entry, validated and with placeholders resolved.
 *
 * @param name the config key
 * @param type how to reach it; {@code explicitType} tells whether the user chose it (no SSE fallback then)
 * @param requestTimeoutMs per-call timeout ({@code timeout} in the file)
 * @param startupTimeoutMs how long connecting and {@code initialize} may take ({@code startupTimeout})
 * @param isolation one instance shared by every client, or one per client
 * @param namespace the prefix of its tool and prompt names ({@code <namespace>__<name>}): the sanitized config key by
 *     default, another prefix when {@code "namespace"} is a string, {@code null} when {@code "namespace": false} (the
 *     server's own names are kept)
 * @param protocol which MCP era the hub speaks to a Streamable HTTP server ({@code "protocol"}): {@code auto} asks
 *     {@code server/discover} first and speaks 2026-07-28 when the server serves it, {@code legacy} always opens a
 *     2025 session ({@code initialize}); stdio and SSE servers are always legacy
 */
public record ServerConfig(
    String name,
    TransportType type,
    boolean explicitType,
    String command,
    List<String> args,
    Map<String, String> env,
    String cwd,
    String url,
    Map<String, String> headers,
    boolean disabled,
    String category,
    long requestTimeoutMs,
    long startupTimeoutMs,
    IsolationOptions isolation,
    String namespace,
    Protocol protocol) {

  /** Which MCP era the hub speaks to a Streamable HTTP server. */
  public enum Protocol {
    AUTO, LEGACY;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
  public static final long DEFAULT_STARTUP_TIMEOUT_MS = 120_000;

  /** True when the server's tools and prompts keep their own names ({@code "namespace": false}). */
  public boolean keepsOwnNames() {
    return namespace == null;
  }

  public boolean isRemote() {
    return type != TransportType.STDIO;
  }
}
