package io.mcphub.gateway.upstream;

/**
 * What the hub knows about one SSE stream it reads from a Streamable HTTP upstream, and when to reconnect it: the
 * request whose response it should carry ({@code null} for the standalone GET stream), whether that response came, the
 * event id and {@code retry} time to resume with, and how many reconnections in a row brought no event. The wait is the
 * server's {@code retry} (or {@link #DEFAULT_RECONNECT_DELAY_MS}), doubled for each fruitless reconnection, never more
 * than {@link #MAX_RECONNECT_DELAY_MS}; after {@link #MAX_RECONNECTS} fruitless reconnections the stream is given up.
 * Confined to the transport's context.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery">Resumability and redelivery</a>
 */
final class StreamState {

  /** How long to wait before reconnecting when the server gave no {@code retry}. */
  static final long DEFAULT_RECONNECT_DELAY_MS = 1_000;
  /** The longest wait before a reconnection (a server's larger {@code retry} is capped to it). */
  static final long MAX_RECONNECT_DELAY_MS = 30_000;
  /** Reconnections in a row that bring no event before the hub gives up on a stream. */
  static final int MAX_RECONNECTS = 5;

  final Object relatedId;
  final int failedReconnects;
  String lastEventId;
  long retryMs = -1;
  boolean answered;
  boolean sawEvent;
  boolean ended;

  StreamState(Object relatedId, int failedReconnects) {
    this.relatedId = relatedId;
    this.failedReconnects = failedReconnects;
  }

  /** The state of the stream that resumes this one: same request, event id and retry; one more failure if it was fruitless. */
  StreamState next() {
    StreamState next = new StreamState(relatedId, sawEvent ? 0 : failedReconnects + 1);
    next.lastEventId = lastEventId;
    next.retryMs = retryMs;
    return next;
  }

  /** True when this would be one reconnection too many. */
  boolean exhausted() {
    return failedReconnects > MAX_RECONNECTS;
  }

  /** How long to wait before this reconnection. */
  long reconnectDelayMs() {
    long base = Math.min(retryMs >= 0 ? retryMs : DEFAULT_RECONNECT_DELAY_MS, MAX_RECONNECT_DELAY_MS);
    int doublings = Math.min(Math.max(failedReconnects - 1, 0), 10);
    return Math.max(1, Math.min(MAX_RECONNECT_DELAY_MS, base << doublings));
  }
}
