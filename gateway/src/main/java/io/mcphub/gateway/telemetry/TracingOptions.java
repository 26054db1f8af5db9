package io.mcphub.gateway.telemetry;

import java.util.Objects;

/**
 * The {@code telemetry.tracing} section: OpenTelemetry traces exported over OTLP/HTTP (protobuf). Off by default.
 *
 * @param enabled whether spans are recorded and exported at all
 * @param endpoint the OTLP/HTTP traces URL, e.g. {@value #DEFAULT_ENDPOINT}
 * @param serviceName the {@code service.name} resource attribute
 * @param sampleRatio the share of new traces recorded (0 to 1); a client's sampled flag is followed
 * @param exportDelayMs how long finished spans wait to be sent in one batch
 */
public record TracingOptions(boolean enabled, String endpoint, String serviceName, double sampleRatio, long exportDelayMs) {

  public static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/traces";
  public static final String DEFAULT_SERVICE_NAME = "mcp-hub";
  public static final double DEFAULT_SAMPLE_RATIO = 1.0;
  public static final long DEFAULT_EXPORT_DELAY_MS = 5_000;
  private static final TracingOptions DISABLED = new TracingOptions(false, DEFAULT_ENDPOINT, DEFAULT_SERVICE_NAME,
      DEFAULT_SAMPLE_RATIO, DEFAULT_EXPORT_DELAY_MS);

  public TracingOptions {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(serviceName, "serviceName");
    if (sampleRatio < 0 || sampleRatio > 1) {
      throw new IllegalArgumentException("sampleRatio must be between 0 and 1, got " + sampleRatio);
    }
  }

  /** No tracing: the default. */
  public static TracingOptions disabled() {
    return DISABLED;
  }
}
