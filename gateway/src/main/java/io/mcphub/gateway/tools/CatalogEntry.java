package io.mcphub.gateway.tools;

import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.json.JsonObject;

/**
 * A tool or prompt as the hub lists it: its namespaced {@code name}, the upstream that owns it, the name
 * the upstream knows it by, its category (tools; prompts have {@code other}) and why it has it, and the definition to
 * list (the upstream's, with the name replaced and, for tools, {@code _meta["mcp-hub/category"]} added).
 */
public record CatalogEntry(String name, Upstream upstream, String originalName, String category, CategoryReason reason,
    JsonObject definition) {

  /** The {@code _meta} key under which listed tools carry their category. */
  public static final String CATEGORY_META = "mcp-hub/category";

  /** An entry whose category has no recorded reason (prompts, tests). */
  public CatalogEntry(String name, Upstream upstream, String originalName, String category, JsonObject definition) {
    this(name, upstream, originalName, category, CategoryReason.of(CategoryReason.NONE), definition);
  }
}
