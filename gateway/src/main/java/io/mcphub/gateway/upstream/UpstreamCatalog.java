package io.mcphub.gateway.upstream;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an initialized upstream server offers: its capabilities, identity, {@code instructions} (at most
 * {@value #MAX_INSTRUCTIONS_CHARS} characters of them; empty when it sent none) and lists, as the server sent them (names
 * not yet namespaced). Immutable; a refresh makes a new one.
 */
public record UpstreamCatalog(JsonObject capabilities, JsonObject serverInfo, String instructions, String protocolVersion,
    Map<ListKind, List<JsonObject>> lists) {

  /** How much of a server's {@code instructions} the hub keeps (it describes the server's derived category). */
  public static final int MAX_INSTRUCTIONS_CHARS = 4_000;

  public static final UpstreamCatalog EMPTY = new UpstreamCatalog(new JsonObject(), new JsonObject(), "", null,
      new EnumMap<>(ListKind.class));

  public UpstreamCatalog {
    instructions = instructions == null ? ""
        : instructions.length() > MAX_INSTRUCTIONS_CHARS ? instructions.substring(0, MAX_INSTRUCTIONS_CHARS) : instructions;
  }

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
    return new UpstreamCatalog(capabilities, serverInfo, instructions, protocolVersion, copy);
  }
}
