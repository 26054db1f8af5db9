package io.mcphub.gateway.upstream;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an initialized upstream server offers: its capabilities, identity and lists, as the server sent
 * them (names not yet namespaced). Immutable; a refresh makes a new one.
 */
public record UpstreamCatalog(JsonObject capabilities, JsonObject serverInfo, String protocolVersion,
    Map<ListKind, List<JsonObject>> lists) {

  public static final UpstreamCatalog EMPTY = new UpstreamCatalog(new JsonObject(), new JsonObject(), null,
      new EnumMap<>(ListKind.class));

  public List<JsonObject> list(ListKind kind) {
    return lists.getOrDefault(kind, List.of());
  }

  public boolean hasCapability(String name) {
    return capabilities.getValue(name) != null;
  }

  public UpstreamCatalog with(ListKind kind, List<JsonObject> items) {
    Map<ListKind, List<JsonObject>> copy = new EnumMap<>(ListKind.class);
    copy.putAll(lists);
    copy.put(kind, List.copyOf(items));
    return new UpstreamCatalog(capabilities, serverInfo, protocolVersion, copy);
  }
}
