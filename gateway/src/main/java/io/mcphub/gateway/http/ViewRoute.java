package io.mcphub.gateway.http;

import io.mcphub.gateway.exposure.ExposureHandle;
import io.mcphub.gateway.exposure.ExposureHandles;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.vertx.ext.web.RoutingContext;

/**
 * View URLs, {@code /mcp/views/{id}}: the Streamable HTTP endpoint again, as a different server whose tool list is one
 * exposure handle's selection. This route runs first: it lets through only a view that exists, has not expired and
 * belongs to the request's principal (anything else is 404, as an unknown session is), and records the view id in the
 * routing context, where {@link SessionAccess} binds new sessions to it and finds only sessions of the same view.
 */
final class ViewRoute {

  static final String PATH = ExposureHandle.VIEWS_PATH + ":id";
  private static final String VIEW = "mcp-hub.view";

  private final ExposurePolicy policy;

  ViewRoute(ExposurePolicy policy) {
    this.policy = policy;
  }

  void resolve(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    io.vertx.core.Future<Void> fetched = policy.handles().fetch(id);
    if (fetched.isComplete()) {
      check(ctx, id);
      return;
    }
    // a view another node of a cluster minted moments ago: the body waits (the body handler resumes the request)
    ctx.request().pause();
    fetched.onComplete(done -> check(ctx, id));
  }

  private void check(RoutingContext ctx, String id) {
    ExposureHandles.Problem problem = policy.handles().lookup(id, BearerAuth.principal(ctx)).problem();
    if (problem != null) {
      HttpErrors.send(ctx.response(), 404, JsonRpc.INVALID_REQUEST, "View not found: " + problem.describe(id)
          + ". Mint a new view with hub__analyze_prompt or POST /api/views.");
      return;
    }
    ctx.put(VIEW, id);
    ctx.next();
  }

  /** The view the request addresses, or null for the hub's own endpoint. */
  static String of(RoutingContext ctx) {
    return ctx.get(VIEW);
  }
}
