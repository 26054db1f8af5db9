package io.mcphub.gateway.session;

import io.mcphub.gateway.tools.CatalogEntry;
import java.util.Set;

/**
 * Which upstream tools a caller's credentials allow at all, whatever the filtering mode exposes: the tools of the
 * named servers and of the named categories. {@code ExposurePolicy} applies it in the same predicate as filtering,
 * so a tool outside the grant is neither listed, nor callable, nor returned by the meta tools.
 *
 * @param everything every tool (static tokens, no auth, or OAuth without a scope mapping)
 * @param servers config names of the servers whose tools are granted
 * @param categories categories whose tools are granted
 */
public record Grant(boolean everything, Set<String> servers, Set<String> categories) {

  /** Every tool. */
  public static final Grant ALL = new Grant(true, Set.of(), Set.of());
  /** No upstream tool (the meta tools stay). */
  public static final Grant NONE = new Grant(false, Set.of(), Set.of());

  public Grant {
    servers = Set.copyOf(servers);
    categories = Set.copyOf(categories);
  }

  /**
   * Whether the prompts and resources of server {@code name} are granted: only by the server's name (or everything),
   * since prompts and resources have no category of their own.
   */
  public boolean allowsServer(String name) {
    return everything || servers.contains(name);
  }

  public boolean allows(CatalogEntry tool) {
    return everything || servers.contains(tool.upstream().name()) || categories.contains(tool.category());
  }
}
