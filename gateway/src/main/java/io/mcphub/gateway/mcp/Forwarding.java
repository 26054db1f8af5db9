package io.mcphub.gateway.mcp;

import io.mcphub.gateway.session.InFlightCall;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.OutboundCall;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Sends a client request on to its upstream, tracked in the session so that a cancellation can follow it. */
final class Forwarding {

  private Forwarding() {
  }

  static Future<JsonObject> forward(McpRequest request, Upstream upstream, String method, JsonObject params) {
    OutboundCall call = upstream.call(method, params, request.origin());
    if (call.upstreamId() < 0) {
      return call.result();
    }
    Session session = request.session();
    session.trackInFlight(request.id(), new InFlightCall(upstream, call.upstreamId()));
    return call.result().onComplete(done -> session.untrackInFlight(request.id()));
  }
}
