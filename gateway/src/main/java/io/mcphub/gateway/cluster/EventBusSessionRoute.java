package io.mcphub.gateway.cluster;

import io.mcphub.gateway.session.InFlightCall;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.session.SessionRoute;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reaches a session's stream over the clustered event bus: the node where the client's stream is open consumes the
 * session's address ({@value ClusterAddresses#SESSION_STREAM_PREFIX} + its handle, which cannot be turned back into the
 * session id) while it is open; another node sends the session's notifications there. A message for a session whose
 * stream is open nowhere is dropped, as alone. A client's answer to a request another node sent (or its cancellation of
 * a call another node runs) is offered to every node, and the node holding it takes it. Chosen over self-describing
 * signed session ids: any node serves any request itself (no hop for requests); only messages the client did not ask
 * for cross nodes (docs/scaling.md).
 */
final class EventBusSessionRoute implements SessionRoute {


  private final Vertx vertx;
  private final Map<String, MessageConsumer<JsonObject>> consumers = new HashMap<>();
  /** Tells this node's offers from the others' (a node ignores its own). */
  private final String node = Session.randomId(12);
  private Function<String, Session> byHandle = handle -> null;

  EventBusSessionRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Places the client messages other nodes could not: in this node's copy of the session ({@code byHandle}). */
  Future<Void> start(Function<String, Session> sessionsByHandle) {
    this.byHandle = sessionsByHandle;
    return vertx.eventBus().<JsonObject>consumer(ClusterAddresses.SESSION_UNPLACED, message -> place(message.body()))
        .completion();
  }

  private void place(JsonObject offer) {
    Session session = node.equals(offer.getString("node")) ? null : byHandle.apply(offer.getString("session"));
    JsonObject message = offer.getJsonObject("message");
    if (session == null || message == null) {
      return;
    }
    if (!message.containsKey("method")) {
      session.answer(message);
      return;
    }
    JsonObject params = message.getJsonObject("params", new JsonObject());
    InFlightCall call = session.untrackInFlight(params.getValue("requestId"));
    if (call != null) {
      call.upstream().cancel(call.upstreamId(), params.getString("reason"));
    }
  }

  @Override
  public void opened(Session session) {
    MessageConsumer<JsonObject> previous = consumers.put(session.handle(),
        vertx.eventBus().<JsonObject>consumer(ClusterAddresses.SESSION_STREAM_PREFIX + session.handle(), message -> {
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
    vertx.eventBus().send(ClusterAddresses.SESSION_STREAM_PREFIX + session.handle(), message);
    return true;
  }

  @Override
  public void elsewhere(Session session, JsonObject message) {
    vertx.eventBus().publish(ClusterAddresses.SESSION_UNPLACED, new JsonObject().put("node", node)
        .put("session", session.handle()).put("message", message));
  }
}
