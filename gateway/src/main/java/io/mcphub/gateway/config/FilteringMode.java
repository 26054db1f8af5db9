package io.mcphub.gateway.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code toolFiltering.mode}. */
public enum FilteringMode {
  STATIC("static"),
  SERVER_ALLOWLIST("server-allowlist"),
  CATEGORY("category"),
  HYBRID("hybrid"),
  PROMPT_BASED("prompt-based");

  private final String configName;

  FilteringMode(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Optional<FilteringMode> fromConfig(String value) {
    return Arrays.stream(values()).filter(mode -> mode.configName.equals(value)).findFirst();
  }

  public static String allowed() {
    return Arrays.stream(values()).map(FilteringMode::configName).collect(Collectors.joining(", "));
  }
}
