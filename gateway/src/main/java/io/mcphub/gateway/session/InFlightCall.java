package io.mcphub.gateway.session;

import io.mcphub.gateway.upstream.Upstream;

/** A client request the hub forwarded and is still waiting on, kept so that a cancellation can follow it. */
public record InFlightCall(Upstream upstream, long upstreamId) {
}
