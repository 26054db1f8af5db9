package io.mcphub.gateway.mcp;

import io.mcphub.gateway.session.InFlightCall;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.OutboundCall;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Sends a client request on to the upstream instance that serves that client — the server's shared instance, or
 * the client's own for a per-client server — carrying the client's handle ({@link McpRequest#origin()}), and
 * tracks it in the session so that a cancellation can follow it.
 */
final class Forwarding {

  private final ClientInstances instances;

  Forwarding(ClientInstances instances) {
    this.instances = instances;
  }

  Future<JsonObject> forward(McpRequest request, Upstream upstream, String method, JsonObject params) {
    if (!upstream.config().isolation().perClient()) {
      return send(request, upstream, method, params);
    }
    return instances.onInstance(upstream, request.session(), instance -> send(request, instance, method, params));
  }

  private static Future<JsonObject> send(McpRequest request, Upstream upstream, String method, JsonObject params) {
    OutboundCall call = upstream.call(method, params, request.origin());
    if (call.upstreamId() < 0) {
      return call.result();
    }
    Session session = request.session();
    session.trackInFlight(request.id(), new InFlightCall(upstream, call.upstreamId()));
    return call.result().onComplete(done -> session.untrackInFlight(request.id()));
  }
}
