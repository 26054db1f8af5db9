package io.mcphub.gateway.upstream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A request the hub sent upstream.
 *
 * @param upstreamId the id the hub chose for it (used to forward cancellation)
 * @param result the upstream's result; fails with {@code McpException} on error, timeout, cancel or disconnect
 */
public record OutboundCall(long upstreamId, Future<JsonObject> result) {
}
