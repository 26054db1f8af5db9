package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.session.InFlightCall;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.telemetry.HubTracer;
import io.mcphub.gateway.upstream.OutboundCall;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Sends a client request on to the upstream instance that serves that client — the server's shared instance, or
 * the client's own for a per-client server — carrying the client's handle ({@link McpRequest#origin()}), and
 * tracks it in the session so that a cancellation can follow it. What the upstream layer says of a failure reaches
 * the client in hub words only ({@link UpstreamUnavailable#redacted}).
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
    return instances.onInstance(upstream, request, instance -> send(request, instance, method, params));
  }

  private static Future<JsonObject> send(McpRequest request, Upstream upstream, String method, JsonObject params) {
    HubTracer.carry(request.params(), params);
    if (request.session().isModern() && Modern.isModern(upstream.protocolVersion())) {
      // a 2026-07-28 upstream asks (input_required) only for what this client declared, and the hub relays it untouched
      JsonObject meta = params.getValue("_meta") instanceof JsonObject object ? object : new JsonObject();
      params.put("_meta", meta.put(Modern.META_CLIENT_CAPABILITIES, request.session().clientCapabilities().copy()));
    }
    OutboundCall call = upstream.call(method, params, request.origin());
    Future<JsonObject> result = call.result().recover(error -> UpstreamUnavailable.redacted(error, upstream));
    if (call.upstreamId() < 0) {
      return result;
    }
    Session session = request.session();
    session.trackInFlight(request.id(), new InFlightCall(upstream, call.upstreamId()));
    return result.onComplete(done -> session.untrackInFlight(request.id()));
  }
}
