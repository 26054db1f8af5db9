package io.mcphub.gateway.upstream;

import io.mcphub.gateway.jsonrpc.HeaderValues;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.jsonrpc.XMcpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a 2026-07-28 request carries besides its body: the per-request {@code _meta} (protocol version, client
 * capabilities and identity, in place of {@code initialize}) and the HTTP headers that mirror the body for
 * intermediaries ({@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*} for the tool
 * parameters whose schema says {@code x-mcp-header}). Values that are not plain header-safe ASCII are sent in the
 * spec's Base64 sentinel form. Stateless; one place for these names.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#request-metadata">Request metadata</a>
 */
final class ModernRequests {


  /** JavaScript's safe integer range: a header parameter outside it makes the tool definition invalid. */
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
  private static final Set<String> PRIMITIVE_TYPES = Set.of("string", "integer", "boolean");

  private ModernRequests() {
  }

  /** {@code params} (a new object when null) with the hub's per-request {@code _meta}; a caller's own capabilities are kept. */
  static JsonObject withMeta(JsonObject params, JsonObject clientCapabilities) {
    JsonObject result = params == null ? new JsonObject() : params;
    JsonObject meta = result.getValue("_meta") instanceof JsonObject object ? object : new JsonObject();
    meta.put(Modern.META_PROTOCOL_VERSION, Modern.V2026_07_28)
        .put(Modern.META_CLIENT_INFO, new JsonObject().put("name", "mcp-hub").put("version", HubVersion.get()));
    if (!(meta.getValue(Modern.META_CLIENT_CAPABILITIES) instanceof JsonObject)) {
      meta.put(Modern.META_CLIENT_CAPABILITIES, clientCapabilities.copy());
    }
    return result.put("_meta", meta);
  }

  /** The {@code Mcp-Name} source of a request: the tool or prompt name, or the resource URI; null for other methods. */
  static String name(String method, JsonObject params) {
    if (params == null) {
      return null;
    }
    return Modern.INPUT_CAPABLE.contains(method) && params.getValue(Modern.nameField(method)) instanceof String text
        ? text : null;
  }

  /**
   * The {@code Mcp-Param-*} headers of a {@code tools/call}: for each parameter of {@code inputSchema} declared with
   * {@code x-mcp-header}, the argument's value at that property path, encoded; a parameter without a value (or null)
   * gets no header.
   */
  static Map<String, String> paramHeaders(JsonObject inputSchema, JsonObject arguments) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (inputSchema == null || arguments == null) {
      return headers;
    }
    for (XMcpHeaders.Param param : XMcpHeaders.declared(inputSchema)) {
      String text = headerText(XMcpHeaders.valueAt(arguments, param.path()));
      if (text != null) {
        headers.put(Modern.HEADER_PARAM_PREFIX + param.header(), HeaderValues.encode(text));
      }
    }
    return headers;
  }

  /**
   * Why a tool definition's {@code x-mcp-header} declarations break the spec's rules, or null when they keep them (or
   * it has none). A client must leave such a tool out of its list.
   */
  static String invalidHeaderDeclaration(JsonObject tool) {
    JsonObject schema = tool.getValue("inputSchema") instanceof JsonObject object ? object : null;
    if (schema == null) {
      return null;
    }
    List<XMcpHeaders.Param> params = XMcpHeaders.declared(schema);
    if (params.size() != XMcpHeaders.declarations(schema)) {
      return "an x-mcp-header is declared where it cannot be reached through \"properties\" alone";
    }
    Set<String> seen = new HashSet<>();
    for (XMcpHeaders.Param param : params) {
      if (param.header().isEmpty() || !param.header().chars().allMatch(ModernRequests::isTokenChar)) {
        return "x-mcp-header \"" + param.header() + "\" is not an HTTP field-name token";
      }
      if (!seen.add(param.header().toLowerCase(Locale.ROOT))) {
        return "x-mcp-header \"" + param.header() + "\" is declared twice";
      }
      if (!PRIMITIVE_TYPES.contains(param.type())) {
        return "x-mcp-header \"" + param.header() + "\" is on a parameter of type " + param.type()
            + " (only string, integer and boolean may be mirrored)";
      }
    }
    return null;
  }

  /** The supported versions an error (a -32022's {@code data.supported}) names, or an empty list. */
  static List<String> supportedVersions(Object data) {
    List<String> versions = new ArrayList<>();
    if (data instanceof JsonObject object && object.getValue("supported") instanceof JsonArray array) {
      array.forEach(item -> {
        if (item instanceof String text) {
          versions.add(text);
        }
      });
    }
    return versions;
  }

  private static String headerText(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Boolean flag) {
      return flag.toString();
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) <= MAX_SAFE_INTEGER) {
      return Long.toString(number.longValue());
    }
    return null;
  }

  /** RFC 9110 {@code tchar}. */
  private static boolean isTokenChar(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
