package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mcphub.gateway.telemetry.HubTracer;
import io.mcphub.gateway.telemetry.TracingOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code telemetry.tracing} section and the standard OpenTelemetry variables. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TelemetryParserTest {

  @Test
  void tracingIsOffByDefaultAndTheHubRunsWithTheNoopTracer() {
    TracingOptions tracing = parse(new JsonObject(), Map.of()).tracing();
    assertThat(tracing.enabled()).isFalse();
    assertThat(HubTracer.create(tracing)).isSameAs(HubTracer.NOOP);
  }

  @Test
  void theSectionSetsEndpointServiceNameRatioAndDelay() {
    TracingOptions tracing = parse(section(new JsonObject().put("enabled", true).put("endpoint", "http://collector:4318/v1/traces")
        .put("serviceName", "edge-hub").put("sampleRatio", 0.25).put("exportDelayMs", 200)), Map.of()).tracing();
    assertThat(tracing).isEqualTo(new TracingOptions(true, "http://collector:4318/v1/traces", "edge-hub", 0.25, 200));
  }

  @Test
  void theStandardVariablesGiveTheEndpointAndServiceNameAndTurnTracingOn() {
    TracingOptions tracing = parse(new JsonObject(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_SERVICE_NAME", "hub-a")).tracing();
    assertThat(tracing.enabled()).isTrue();
    assertThat(tracing.endpoint()).isEqualTo("http://collector:4318/v1/traces");
    assertThat(tracing.serviceName()).isEqualTo("hub-a");

    TracingOptions perSignal = parse(new JsonObject(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:9999/custom")).tracing();
    assertThat(perSignal.endpoint()).isEqualTo("http://traces:9999/custom");
  }

  @Test
  void enabledFalseAndOtelSdkDisabledWinOverTheVariables() {
    Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
    assertThat(parse(section(new JsonObject().put("enabled", false)), env).tracing().enabled()).isFalse();
    assertThat(parse(new JsonObject(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_SDK_DISABLED", "true"))
        .tracing().enabled()).isFalse();
  }

  @Test
  void mistakesAreRefusedWithTheirPath() {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parse(section(new JsonObject().put("enabled", true)
        .put("endpoint", "collector:4318").put("sampleRatio", 2)), Map.of()));
    assertThat(error.getMessage()).contains("telemetry.tracing.endpoint: got \"collector:4318\", expected the http:// or https://"
        + " URL of an OTLP/HTTP traces receiver").contains("telemetry.tracing.sampleRatio");
  }

  private static JsonObject section(JsonObject tracing) {
    return new JsonObject().put("telemetry", new JsonObject().put("tracing", tracing));
  }

  private static HubConfig parse(JsonObject config, Map<String, String> env) {
    return new ConfigParser(env::get).parse(config);
  }
}
