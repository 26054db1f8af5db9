package io.mcphub.gateway.cluster;

import io.mcphub.gateway.session.Session;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The serializable part of a session, as the cluster keeps it: what another node needs to serve the session's next
 * request (its lifecycle state, negotiated revision, client info and capabilities, owner, view, log level). The live
 * part (streams, calls in flight, requests awaiting the client) stays on the node that holds it.
 */
final class SessionRecords {

  private SessionRecords() {
  }

  static String encode(Session session) {
    return new JsonObject()
        .put("transport", session.transport().name())
        .put("owner", session.owner())
        .put("view", session.view())
        .put("state", session.state().name())
        .put("protocolVersion", session.protocolVersion())
        .put("clientCapabilities", session.clientCapabilities())
        .put("clientInfo", session.clientInfo())
        .put("logLevel", session.logLevel())
        .encode();
  }

  /** A local session for {@code id} from its record: the node that materialises it serves it from now on too. */
  static Session materialise(Vertx vertx, String id, String encoded) {
    JsonObject record = new JsonObject(encoded);
    Session session = new Session(vertx, id, Session.Transport.valueOf(record.getString("transport")),
        record.getString("owner"));
    session.view(record.getString("view"));
    Session.State state = Session.State.valueOf(record.getString("state"));
    if (state == Session.State.INITIALIZING || state == Session.State.OPERATING) {
      session.initialized(record.getString("protocolVersion"), record.getJsonObject("clientCapabilities"),
          record.getJsonObject("clientInfo"));
    }
    if (state == Session.State.OPERATING) {
      session.operating();
    }
    session.logLevel(record.getString("logLevel"));
    return session;
  }
}
