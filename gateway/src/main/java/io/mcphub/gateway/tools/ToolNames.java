package io.mcphub.gateway.tools;

/**
 * The namespacing rule: {@code <namespace>__<name>}, where {@code <namespace>} is by default the config key with
 * characters outside {@code [A-Za-z0-9_-]} replaced by {@code _} (a server's {@code "namespace"} may set another prefix,
 * or {@code false} to keep its own names); the whole name stays within 128 characters of {@code [A-Za-z0-9_.-]} (the MCP
 * tool-name rule). The namespace {@code hub} is the hub's own (its meta tools).
 */
public final class ToolNames {

  public static final String SEPARATOR = "__";
  public static final int MAX_LENGTH = 128;
  /** The longest prefix a server's {@code "namespace"} may set. */
  public static final int MAX_NAMESPACE_LENGTH = 64;
  /** The hub's own namespace: the meta tools are {@code hub__*}. */
  public static final String META_NAMESPACE = "hub";
  private static final java.util.regex.Pattern NAMESPACE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAMESPACE_LENGTH + "}");

  private ToolNames() {
  }

  public static String serverId(String configKey) {
    return configKey.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** True when {@code prefix} may be a server's {@code "namespace"}: 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
  public static boolean isValidNamespace(String prefix) {
    return NAMESPACE.matcher(prefix).matches();
  }

  /** True when {@code name} lies in the hub's own namespace ({@code hub__…}), which no upstream name may take. */
  public static boolean isMetaName(String name) {
    return name.startsWith(META_NAMESPACE + SEPARATOR);
  }

  /**
   * The name a server's item is listed under: {@link #namespaced} with the server's prefix, or the item's own name when
   * the server keeps its names ({@code namespace} null).
   */
  public static String listedName(String namespace, String name) {
    return namespace == null ? name : namespaced(namespace, name);
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
