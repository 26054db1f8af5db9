package io.mcphub.gateway.telemetry;

/**
 * What the span of one upstream call records.
 *
 * @param server the configured server name
 * @param method the JSON-RPC method sent
 * @param overHttp true for the HTTP transports, false for stdio
 */
public record UpstreamSpan(String server, String method, boolean overHttp) {
}
