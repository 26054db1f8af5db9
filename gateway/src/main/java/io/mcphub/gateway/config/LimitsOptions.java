package io.mcphub.gateway.config;

/**
 * What one client may hold of the hub: connections, sessions, header and body sizes, time to send a body, batch
 * size and bytes queued on a stream. Read from the {@code hub} section (flat keys such as {@code hub.maxSessions}).
 * Each limit has a policy when reached: refusal (connections, sessions, batches, headers), cutting the connection
 * (idle, body timeout) or closing the stream (a client that does not read).
 *
 * @param maxConnections open HTTP connections; further ones are closed at once
 * @param maxSessions open client sessions; {@code initialize} (and {@code GET /sse}) beyond it get 503
 * @param maxHeaderBytes the request line and headers together; larger ones get 431
 * @param connectionIdleTimeoutMs a connection that neither reads nor writes for this long is closed
 * @param bodyTimeoutMs time from a request's headers to the end of its body; slower clients get 408 and are cut off
 * @param maxBatchSize messages in one JSON-RPC batch; larger batches get 400
 * @param streamBufferBytes bytes queued towards a client on one SSE stream; a stream whose client does not read is
 *     closed when its queue is full
 */
public record LimitsOptions(
    int maxConnections,
    int maxSessions,
    int maxHeaderBytes,
    long connectionIdleTimeoutMs,
    long bodyTimeoutMs,
    int maxBatchSize,
    int streamBufferBytes) {

  public static final int DEFAULT_MAX_CONNECTIONS = 1_024;
  public static final int DEFAULT_MAX_SESSIONS = 10_000;
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
  /** The longest request line (method, path and query) accepted; longer ones get 414. */
  public static final int MAX_INITIAL_LINE_LENGTH = 4 * 1024;
  public static final long DEFAULT_CONNECTION_IDLE_TIMEOUT_MS = 5 * 60_000;
  public static final long DEFAULT_BODY_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
  public static final int DEFAULT_STREAM_BUFFER_BYTES = 4 * 1024 * 1024;

  public static LimitsOptions defaults() {
    return new LimitsOptions(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_SESSIONS, DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_CONNECTION_IDLE_TIMEOUT_MS, DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BATCH_SIZE, DEFAULT_STREAM_BUFFER_BYTES);
  }
}
