package io.mcphub.gateway.jsonrpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Tool parameters mirrored into {@code Mcp-Param-*} headers ({@code x-mcp-header} in a tool's input schema): only
 * properties reached through a chain of {@code properties} keys count, as the revision requires. The hub reads them as
 * a server (checking a client's headers against its arguments) and as a client of its upstreams (writing the headers).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#custom-headers-from-tool-parameters">Custom headers from tool parameters</a>
 */
public final class XMcpHeaders {

  private XMcpHeaders() {
  }

  /**
   * One declaration: the property path it mirrors, the header name after {@code Mcp-Param-}, and the property's
   * declared type ({@code "(none)"} when it declares none).
   */
  public record Param(List<String> path, String header, String type) {
  }

  /** The declarations reachable from the schema root through {@code properties} keys only, in schema order. */
  public static List<Param> declared(JsonObject schema) {
    List<Param> params = new ArrayList<>();
    collect(schema, new ArrayList<>(), params);
    return params;
  }

  /** How many {@code x-mcp-header} keys the schema holds anywhere (more than {@link #declared} finds is invalid). */
  public static int declarations(Object node) {
    int count = 0;
    if (node instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        count += (Modern.X_MCP_HEADER.equals(key) ? 1 : 0) + declarations(object.getValue(key));
      }
    } else if (node instanceof JsonArray array) {
      for (Object item : array) {
        count += declarations(item);
      }
    }
    return count;
  }

  /** The argument at {@code path}, or null when absent. */
  public static Object valueAt(JsonObject arguments, List<String> path) {
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
  public static boolean matches(String header, Object value) {
    if (value instanceof Number number) {
      try {
        return new BigDecimal(header.trim()).compareTo(new BigDecimal(number.toString())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return header.equals(String.valueOf(value));
  }

  private static void collect(JsonObject schema, List<String> path, List<Param> params) {
    if (!(schema.getValue("properties") instanceof JsonObject properties)) {
      return;
    }
    for (String key : properties.fieldNames()) {
      if (!(properties.getValue(key) instanceof JsonObject property)) {
        continue;
      }
      List<String> next = new ArrayList<>(path);
      next.add(key);
      Object header = property.getValue(Modern.X_MCP_HEADER);
      if (header != null) {
        params.add(new Param(next, String.valueOf(header), property.getValue("type") instanceof String type ? type : "(none)"));
      }
      collect(property, next, params);
    }
  }
}
