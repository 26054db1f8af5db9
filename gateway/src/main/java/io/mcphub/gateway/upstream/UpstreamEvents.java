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

  /**
   * The client that answers a server request tied to no client call (e.g. {@code roots/list}); null refuses it.
   * Only an upstream instance that serves one client can name one.
   */
  RequestOrigin originForUntiedRequest(Upstream upstream, String method);

  /**
   * The capabilities the hub declares to this upstream at {@code initialize}. A shared instance never gets a
   * client's roots, so by default the hub offers sampling and elicitation (relayed to the calling client) but
   * not roots.
   */
  default JsonObject clientCapabilities(Upstream upstream) {
    return new JsonObject().put("sampling", new JsonObject()).put("elicitation", new JsonObject());
  }
}
