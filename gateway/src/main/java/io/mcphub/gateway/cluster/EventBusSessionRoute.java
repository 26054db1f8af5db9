package io.mcphub.gateway.cluster;

import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.session.SessionRoute;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Reaches a session's stream over the clustered event bus: the node where the client's stream is open consumes the
 * session's address ({@value #ADDRESS_PREFIX} + its handle, which cannot be turned back into the session id) while it
 * is open; another node sends the session's notifications there. A message for a session whose stream is open nowhere
 * is dropped, as alone. Chosen over self-describing signed session ids: any node serves any request itself (no hop
 * for requests); only messages the client did not ask for cross nodes.
 */
final class EventBusSessionRoute implements SessionRoute {

  static final String ADDRESS_PREFIX = "mcphub.session.";

  private final Vertx vertx;
  private final Map<String, MessageConsumer<JsonObject>> consumers = new HashMap<>();

  EventBusSessionRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void opened(Session session) {
    MessageConsumer<JsonObject> previous = consumers.put(session.handle(),
        vertx.eventBus().<JsonObject>consumer(ADDRESS_PREFIX + session.handle(), message -> {
          if (session.hasOpenStream()) {
            session.stream().write(message.body());
          }
        }));
    if (previous != null) {
      previous.unregister();
    }
  }

  @Override
  public void closed(Session session) {
    MessageConsumer<JsonObject> consumer = consumers.remove(session.handle());
    if (consumer != null) {
      consumer.unregister();
    }
  }

  @Override
  public boolean deliver(Session session, JsonObject message) {
    vertx.eventBus().send(ADDRESS_PREFIX + session.handle(), message);
    return true;
  }
}
