package io.mcphub.gateway.tools;

import io.vertx.core.json.JsonObject;

/**
 * What the tool index reads of one upstream tool.
 *
 * @param name the namespaced name, as listed
 * @param server the server's config name
 * @param serverText what the server says of itself (its {@code serverInfo} title and description), may be empty
 * @param definition the tool's definition as listed (title, description, inputSchema)
 */
public record IndexedTool(String name, String server, String serverText, JsonObject definition) {

  /** The index's view of a registry entry. */
  public static IndexedTool of(CatalogEntry entry) {
    JsonObject info = entry.upstream().catalog().serverInfo();
    String serverText = (info.getValue("title") instanceof String t ? t : "") + " "
        + (info.getValue("description") instanceof String d ? d : "");
    return new IndexedTool(entry.name(), entry.upstream().name(), serverText.strip(), entry.definition());
  }
}
