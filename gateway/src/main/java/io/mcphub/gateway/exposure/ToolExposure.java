package io.mcphub.gateway.exposure;

import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CatalogEntry;

/**
 * The one predicate that decides which tools a session may see and call: {@code tools/list} and
 * {@code tools/call} both ask it.
 */
@FunctionalInterface
public interface ToolExposure {

  /** Static mode: every tool of every connected upstream. */
  static ToolExposure all() {
    return (session, tool) -> true;
  }

  boolean visible(Session session, CatalogEntry tool);
}
