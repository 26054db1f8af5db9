package io.mcphub.gateway.mcp;

import io.mcphub.categorizer.Secrets;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.redact.Redaction;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a call whose server is configured but not connected ({@code UPSTREAM_UNAVAILABLE}): it names the
 * server and its state and says to retry, in hub words only. An unavailability reported by the upstream layer (whose
 * text may carry exception messages or command paths) is logged with a correlation id and answered generically.
 */
final class UpstreamUnavailable {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamUnavailable.class);

  private UpstreamUnavailable() {
  }

  /** The error for a call to {@code upstream}, which is known but has no tools listed right now; null if it is connected. */
  static McpException whileNotConnected(Upstream upstream) {
    UpstreamState state = upstream.state();
    String why = switch (state) {
      case CONNECTED -> null;
      case CONNECTING, DISCONNECTED -> "is restarting (" + state.label() + "); retry in a few seconds";
      case STOPPED -> "is stopped; retry once an operator starts it again (POST /api/servers/start)";
      case DISABLED -> "is disabled in the configuration; retry once it is enabled";
    };
    return why == null ? null : error(upstream, "upstream server '" + upstream.name() + "' " + why);
  }

  /**
   * What a client is told of a failed call: an {@code UPSTREAM_UNAVAILABLE} failure's text (logged under a reference)
   * is replaced by a generic one; an error the upstream answered keeps its code and data, its message with secrets
   * removed; anything else passes on (the dispatcher answers it generically).
   */
  static <T> Future<T> redacted(Throwable failure, Upstream upstream) {
    if (!(failure instanceof McpException mcp)) {
      return Future.failedFuture(failure);
    }
    if (mcp.code() != JsonRpc.UPSTREAM_UNAVAILABLE) {
      String message = Secrets.redact(mcp.getMessage());
      return Future.failedFuture(message.equals(mcp.getMessage()) ? mcp : new McpException(mcp.code(), message, mcp.data()));
    }
    String reference = Redaction.reference();
    LOG.info("call to upstream '{}' failed [ref {}]: {}", upstream.name(), reference, Secrets.redact(mcp.getMessage()));
    return Future.failedFuture(error(upstream, "upstream server '" + upstream.name()
        + "' disconnected or could not be reached; retry in a few seconds (ref " + reference + ")"));
  }

  private static McpException error(Upstream upstream, String message) {
    return new McpException(JsonRpc.UPSTREAM_UNAVAILABLE, message, new JsonObject().put("server", upstream.name())
        .put("state", upstream.state().label()).put("retryable", upstream.state() != UpstreamState.DISABLED));
  }
}
