package io.mcphub.gateway.http;

import io.mcphub.gateway.jsonrpc.Modern;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tool parameters mirrored into {@code Mcp-Param-*} headers ({@code x-mcp-header} in a tool's input schema): only
 * properties reached through a chain of {@code properties} keys count, as the revision requires.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#custom-headers-from-tool-parameters">Custom headers from tool parameters</a>
 */
final class XMcpHeader {

  private XMcpHeader() {
  }

  /** Header name (after {@code Mcp-Param-}) → the property path it mirrors. */
  static Map<String, List<String>> declared(JsonObject schema) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    collect(schema, new ArrayList<>(), found);
    return found;
  }

  private static void collect(JsonObject schema, List<String> path, Map<String, List<String>> found) {
    if (!(schema.getValue("properties") instanceof JsonObject properties)) {
      return;
    }
    for (String key : properties.fieldNames()) {
      if (!(properties.getValue(key) instanceof JsonObject property)) {
        continue;
      }
      List<String> next = new ArrayList<>(path);
      next.add(key);
      if (property.getValue(Modern.X_MCP_HEADER) instanceof String header && !header.isEmpty()) {
        found.put(header, next);
      }
      collect(property, next, found);
    }
  }

  /** The argument at {@code path}, or null when absent. */
  static Object valueAt(JsonObject arguments, List<String> path) {
    Object current = arguments;
    for (String key : path) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(key);
    }
    return current;
  }

  /** Whether a decoded header value stands for the argument: strings as they are, booleans lower-case, numbers by value. */
  static boolean matches(String header, Object value) {
    if (value instanceof Number number) {
      try {
        return new BigDecimal(header.trim()).compareTo(new BigDecimal(number.toString())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return header.equals(String.valueOf(value));
  }
}
