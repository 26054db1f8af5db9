package io.mcphub.gateway.config;

import io.mcphub.gateway.telemetry.TracingOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code telemetry} section. Tracing is off unless {@code telemetry.tracing.enabled} is true, or unless an OTLP
 * endpoint is set in the environment ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}) and
 * the section does not say {@code "enabled": false}; {@code OTEL_SDK_DISABLED=true} turns it off. The endpoint and service
 * name fall back on the standard variables ({@code OTEL_SERVICE_NAME}), then on the defaults.
 */
final class TelemetryParser {

  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
  static final String SDK_DISABLED = "OTEL_SDK_DISABLED";

  private final FieldReader telemetry;
  private final Function<String, String> environment;

  private TelemetryParser(FieldReader telemetry, Function<String, String> environment) {
    this.telemetry = telemetry;
    this.environment = environment;
  }

  /** Parses {@code telemetry.tracing} of the {@code telemetry} section (null when absent) into {@code problems}. */
  static TracingOptions parse(JsonObject section, List<String> problems, Function<String, String> environment) {
    return new TelemetryParser(new FieldReader(section, "telemetry", problems), environment).tracing();
  }

  private TracingOptions tracing() {
    FieldReader tracing = new FieldReader(telemetry.object("tracing"), telemetry.path("tracing"), telemetry.problems());
    String environmentEndpoint = environmentEndpoint();
    boolean enabled = tracing.bool("enabled", environmentEndpoint != null)
        && !"true".equalsIgnoreCase(environment.apply(SDK_DISABLED));
    String endpoint = tracing.string("endpoint",
        environmentEndpoint != null ? environmentEndpoint : TracingOptions.DEFAULT_ENDPOINT);
    if (!ConfigParser.isHttpUrl(endpoint)) {
      tracing.problem("endpoint", "got \"" + endpoint + "\", expected the http:// or https:// URL of an OTLP/HTTP traces"
          + " receiver, e.g. " + TracingOptions.DEFAULT_ENDPOINT);
    }
    String serviceName = tracing.string("serviceName",
        nonBlank(environment.apply(SERVICE_NAME), TracingOptions.DEFAULT_SERVICE_NAME));
    if (serviceName.isBlank()) {
      tracing.problem("serviceName", "must not be empty");
    }
    return new TracingOptions(enabled, endpoint, serviceName,
        tracing.doubleInRange("sampleRatio", TracingOptions.DEFAULT_SAMPLE_RATIO, 0, 1),
        tracing.longInRange("exportDelayMs", TracingOptions.DEFAULT_EXPORT_DELAY_MS, 10, 60_000));
  }

  /** The traces URL the standard variables give: the per-signal one as is, the base one with {@code /v1/traces}. */
  private String environmentEndpoint() {
    String traces = nonBlank(environment.apply(TRACES_ENDPOINT), null);
    if (traces != null) {
      return traces;
    }
    String base = nonBlank(environment.apply(ENDPOINT), null);
    return base == null ? null : (base.endsWith("/") ? base : base + "/") + "v1/traces";
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
