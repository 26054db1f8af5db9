package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The limits in the {@code hub} section: safe defaults, set values, and errors that name the JSON path. */
class LimitsOptionsTest {

  private final ConfigParser parser = new ConfigParser(name -> null);

  @Test
  void withoutSettingsTheHubIsBoundedByDefault() {
    assertThat(parser.parse(new JsonObject()).hub().limits()).isEqualTo(LimitsOptions.defaults())
        .isEqualTo(new LimitsOptions(1_024, 10_000, 8_192, 300_000, 30_000, 1_000, 4 * 1024 * 1024));
  }

  @Test
  void everyLimitIsRead() {
    LimitsOptions limits = parser.parse(new JsonObject("""
        {"hub": {"maxConnections": 10, "maxSessions": 20, "maxHeaderBytes": 4096, "connectionIdleTimeoutMs": 60000,
                 "bodyTimeoutMs": 5000, "maxBatchSize": 50, "streamBufferBytes": 65536}}""")).hub().limits();
    assertThat(limits).isEqualTo(new LimitsOptions(10, 20, 4_096, 60_000, 5_000, 50, 65_536));
  }

  @Test
  void badLimitsAreReportedWithTheirPath() {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject("""
        {"hub": {"maxConnections": 0, "maxSessions": "many", "maxHeaderBytes": 10, "maxBatchSize": 1.5,
                 "streamBufferBytes": -1, "bodyTimeoutMs": 0, "connectionIdleTimeoutMs": 1}}""")));
    assertThat(error.problems()).containsExactlyInAnyOrder(
        "hub.maxConnections: got 0, expected an integer from 1 to 1000000",
        "hub.maxSessions: got \"many\", expected an integer from 1 to 1000000",
        "hub.maxHeaderBytes: got 10, expected an integer from 1024 to 1048576",
        "hub.connectionIdleTimeoutMs: got 1, expected an integer from 1000 to 86400000",
        "hub.bodyTimeoutMs: got 0, expected an integer from 100 to 3600000",
        "hub.maxBatchSize: got 1.5, expected an integer from 1 to 100000",
        "hub.streamBufferBytes: got -1, expected an integer from 4096 to 1073741824");
  }
}
