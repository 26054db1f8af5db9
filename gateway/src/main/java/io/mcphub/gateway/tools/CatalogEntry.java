package io.mcphub.gateway.tools;

import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.json.JsonObject;

/**
 * A tool or prompt as the hub lists it: its namespaced {@code name}, the upstream that owns it, the name
 * the upstream knows it by, and the definition to list (the upstream's, with the name replaced).
 */
public record CatalogEntry(String name, Upstream upstream, String originalName, JsonObject definition) {
}
