package io.mcphub.gateway.config;

import java.util.Arrays;
import java.util.Optional;

/** How the hub talks to an upstream server; the config's {@code type} field. */
public enum TransportType {
  STDIO("stdio"),
  STREAMABLE_HTTP("streamable-http"),
  SSE("sse");

  private final String configName;

  TransportType(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** Accepts the config names, plus {@code http} as an alias of {@code streamable-http} (VS Code's spelling). */
  public static Optional<TransportType> fromConfig(String value) {
    if ("http".equals(value)) {
      return Optional.of(STREAMABLE_HTTP);
    }
    return Arrays.stream(values()).filter(type -> type.configName.equals(value)).findFirst();
  }
}
