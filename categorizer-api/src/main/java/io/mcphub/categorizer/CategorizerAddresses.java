package io.mcphub.categorizer;

/** Event-bus addresses of categorizers. */
public final class CategorizerAddresses {

  /** Every categorizer listens on this prefix followed by its name. */
  public static final String PREFIX = "mcp-hub.categorizer.";

  /**
   * Where the hub publishes its tool catalog whenever it changes: {@code {"tools": [ToolDescriptor...]}}. Only
   * categorizers that implement {@link ToolCatalogListener} listen.
   */
  public static final String TOOLS_CHANGED = "mcp-hub.tools.changed";

  /** Where the hub answers a request (any body) with its current tool catalog, in the same form. */
  public static final String TOOL_CATALOG = "mcp-hub.tools.catalog";

  private CategorizerAddresses() {
  }

  /** Where the categorizer called {@code name} answers with its {@link Categorizer#status()}. */
  public static String statusOf(String name) {
    return of(name) + ".status";
  }

  /** The address of the categorizer called {@code name}, e.g. {@code mcp-hub.categorizer.gemini}. */
  public static String of(String name) {
    return PREFIX + name;
  }
}
