package io.mcphub.gateway.http;

import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.session.Session;
import io.vertx.ext.web.RoutingContext;

/**
 * Sessions as the HTTP transports see them: opened for the principal of the request that opens them, and found
 * only for that principal. Anyone else naming the id gets what an unknown id gets, so ids cannot be probed. Without
 * auth the id itself is the secret: it is issued only to its creator and shown nowhere else. A session sees only the
 * tools its principal's credentials grant. A session opened on a view URL ({@link ViewRoute}) is bound to that view and
 * found only through it.
 */
final class SessionAccess {

  private final Hub hub;

  SessionAccess(Hub hub) {
    this.hub = hub;
  }

  Session open(RoutingContext ctx, Session.Transport transport) {
    Session session = hub.openSession(transport, BearerAuth.principal(ctx));
    session.grant(BearerAuth.grant(ctx));
    session.view(ViewRoute.of(ctx));
    return session;
  }

  /**
   * The session {@code id} names, if it exists on {@code transport}, the request's principal opened it and the request
   * addresses the session's view (or, like the session, none); its grant
   * becomes the request's (a refreshed OAuth token of the same subject may carry other scopes).
   */
  Session find(RoutingContext ctx, String id, Session.Transport transport) {
    return admit(ctx, hub.sessions().get(id), transport);
  }

  /**
   * As {@link #find}, for a transport any node of a cluster serves: a session another node opened is materialised
   * here, and its exposure read as the cluster has it. Alone, this completes at once.
   */
  io.vertx.core.Future<Session> resume(RoutingContext ctx, String id, Session.Transport transport) {
    if (!hub.clustered()) {
      return io.vertx.core.Future.succeededFuture(find(ctx, id, transport));
    }
    return hub.sessions().find(id)
        .compose(found -> found == null ? io.vertx.core.Future.succeededFuture() : hub.exposure().refresh(found).map(found))
        .map(found -> admit(ctx, found, transport));
  }

  private static Session admit(RoutingContext ctx, Session session, Session.Transport transport) {
    if (session == null || session.transport() != transport || !session.isOwnedBy(BearerAuth.principal(ctx))
        || !java.util.Objects.equals(session.view(), ViewRoute.of(ctx))) {
      return null;
    }
    session.grant(BearerAuth.grant(ctx));
    return session;
  }
}
