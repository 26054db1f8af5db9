package io.mcphub.gateway.tools;

/**
 * The namespacing rule: {@code <server>__<name>}, where {@code <server>} is the config key with characters
 * outside {@code [A-Za-z0-9_-]} replaced by {@code _}; the whole name stays within 128 characters of
 * {@code [A-Za-z0-9_.-]} (the MCP tool-name rule).
 */
public final class ToolNames {

  public static final String SEPARATOR = "__";
  public static final int MAX_LENGTH = 128;

  private ToolNames() {
  }

  public static String serverId(String configKey) {
    return configKey.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** The namespaced name; over-long names keep a prefix and end in a short hash of the full name. */
  public static String namespaced(String serverId, String name) {
    String full = serverId + SEPARATOR + name.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (full.length() <= MAX_LENGTH) {
      return full;
    }
    String hash = shortHash(serverId + SEPARATOR + name);
    return full.substring(0, MAX_LENGTH - hash.length() - 1) + "_" + hash;
  }

  /** A deterministic variant for the n-th (n ≥ 2) item that produced the same name. */
  public static String withSuffix(String name, int n) {
    String suffix = "_" + n;
    return (name.length() + suffix.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH - suffix.length()) : name) + suffix;
  }

  private static String shortHash(String text) {
    return Sha256.hex(text, 4);
  }
}
