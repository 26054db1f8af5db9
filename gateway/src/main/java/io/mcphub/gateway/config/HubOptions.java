package io.mcphub.gateway.config;

import io.mcphub.gateway.auth.OAuthOptions;
import java.util.List;

/**
 * The {@code hub} section: where the hub listens and how it treats clients.
 *
 * @param allowedOrigins browser origins allowed besides localhost ones (DNS-rebinding protection)
 * @param maxBodyBytes largest accepted HTTP request body; larger ones get 413
 * @param restartInitialDelayMs first delay before restarting a crashed upstream; doubles up to {@code restartMaxDelayMs}
 * @param sessionIdleTimeoutMs a session the client sent nothing on for this long is ended, even with an open stream
 * @param authTokens {@code hub.auth.tokens}: bearer tokens that protect /mcp, /sse, /messages and /api (none: open)
 * @param protectMetrics {@code hub.auth.protectMetrics}: /metrics needs a token too
 * @param oauth {@code hub.auth.oauth}: JWT access tokens of an OAuth authorization server (null: none)
 * @param limits what one client may hold of the hub (connections, sessions, sizes, timeouts)
 */
public record HubOptions(
    String host,
    int port,
    List<String> allowedOrigins,
    long maxBodyBytes,
    long restartInitialDelayMs,
    long restartMaxDelayMs,
    long sessionIdleTimeoutMs,
    List<String> authTokens,
    boolean protectMetrics,
    OAuthOptions oauth,
    LimitsOptions limits) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7000;
  public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
  public static final long DEFAULT_RESTART_INITIAL_DELAY_MS = 1_000;
  public static final long DEFAULT_RESTART_MAX_DELAY_MS = 30_000;
  public static final long DEFAULT_SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;

  /** Whether requests must authenticate (static tokens, OAuth, or both). */
  public boolean authenticates() {
    return !authTokens.isEmpty() || oauth != null;
  }

  public HubOptions withListen(String newHost, int newPort) {
    return new HubOptions(newHost, newPort, allowedOrigins, maxBodyBytes, restartInitialDelayMs, restartMaxDelayMs,
        sessionIdleTimeoutMs, authTokens, protectMetrics, oauth, limits);
  }
}
