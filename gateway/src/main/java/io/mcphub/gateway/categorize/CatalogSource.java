package io.mcphub.gateway.categorize;

import io.mcphub.gateway.tools.CapabilityRegistry;

/**
 * What the categorizing side needs of the running hub: the merged registry, word of each change of the tool list, and
 * a way to say that tool categories changed. The hub implements it; categorizing code never sees the hub itself, so the
 * {@code categorize} package does not depend on {@code mcp}.
 */
public interface CatalogSource {

  CapabilityRegistry registry();

  /** Runs {@code listener} after every change of the merged tool list. */
  void onToolsChanged(Runnable listener);

  /** Tool categories changed (a learned category): rebuild the registry and tell the clients whose list changed. */
  void recategorized();
}
