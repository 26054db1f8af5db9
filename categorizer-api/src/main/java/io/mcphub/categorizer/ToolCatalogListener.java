package io.mcphub.categorizer;

import java.util.List;

/**
 * Optional: a {@link Categorizer} that also scores tools implements this to receive the hub's tool catalog, so that
 * requests need not carry it. The {@link CategorizerVerticle} asks the hub for the current catalog at start
 * ({@link CategorizerAddresses#TOOL_CATALOG}) and passes on every later one the hub publishes
 * ({@link CategorizerAddresses#TOOLS_CHANGED}). Its answers may then carry {@link Categorization#tools()}.
 * Categorizers that do not implement it are never sent the catalog.
 */
public interface ToolCatalogListener {

  /** The most tools one catalog carries; the hub sends no more, and the verticle drops the rest. */
  int MAX_TOOLS = 10_000;

  /**
   * The hub's tools as they are now (the whole list, replacing the previous one). Called on the categorizer's
   * context; must not block: heavy work (embedding the tools) goes to a worker.
   */
  void toolsChanged(List<ToolDescriptor> tools);
}
