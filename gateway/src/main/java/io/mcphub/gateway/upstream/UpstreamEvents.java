package io.mcphub.gateway.upstream;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** What the hub hears from its upstream servers. Called on the hub's context. */
public interface UpstreamEvents {

  /** The server changed state (connected, disconnected, stopped …). */
  void stateChanged(Upstream upstream);

  /** These lists of the server changed (after a connect, a disconnect or a {@code list_changed}). */
  void catalogChanged(Upstream upstream, Set<ListKind> kinds);

  /** A notification tied to no call: {@code resources/updated}, log messages. */
  void notification(Upstream upstream, JsonObject notification);

  /** A request forwarded for a client finished (for metrics). */
  default void callCompleted(Upstream upstream, String method, long nanos, boolean failed) {
  }

  /** A client exchange to answer a server request tied to no call (e.g. {@code roots/list}); may be null. */
  RequestOrigin originForUntiedRequest(Upstream upstream, String method);
}
