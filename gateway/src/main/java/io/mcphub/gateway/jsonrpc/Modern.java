package io.mcphub.gateway.jsonrpc;

import java.util.List;
import java.util.Set;

/**
 * The 2026-07-28 revision ("modern": no {@code initialize}, no sessions, every request carries its version, identity and
 * capabilities in {@code _meta}): its version, reserved {@code _meta} keys, methods, error codes and result fields — the
 * one place they are spelled.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">Versioning</a>
 */
public final class Modern {

  public static final String V2026_07_28 = "2026-07-28";
  /** The modern revisions the hub serves per request, newest first. */
  public static final List<String> VERSIONS = List.of(V2026_07_28);

  public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  public static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  public static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  public static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  public static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  public static final String META_SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
  /** The {@code _meta} keys a modern client sets on each request about itself: read by the hub, never forwarded as such. */
  public static final Set<String> REQUEST_META =
      Set.of(META_PROTOCOL_VERSION, META_CLIENT_CAPABILITIES, META_CLIENT_INFO, META_LOG_LEVEL);

  public static final String SERVER_DISCOVER = "server/discover";
  public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";
  public static final String NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED = "notifications/subscriptions/acknowledged";

  /** HTTP headers mirrored from the body, and validated against it. */
  public static final String HEADER_METHOD = "Mcp-Method";
  public static final String HEADER_NAME = "Mcp-Name";
  public static final String HEADER_PARAM_PREFIX = "Mcp-Param-";
  /** The schema keyword by which a tool parameter asks to be mirrored into an {@code Mcp-Param-*} header. */
  public static final String X_MCP_HEADER = "x-mcp-header";

  /** The HTTP headers do not match the body, or a required one is missing or malformed. */
  public static final int HEADER_MISMATCH = -32020;
  /** The request needs a client capability the client did not declare. */
  public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
  /** The server does not serve the requested protocol version; {@code data.supported} lists what it serves. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  public static final String RESULT_TYPE = "resultType";
  public static final String COMPLETE = "complete";
  public static final String INPUT_REQUIRED = "input_required";
  public static final String TTL_MS = "ttlMs";
  public static final String CACHE_SCOPE = "cacheScope";
  public static final String INPUT_REQUESTS = "inputRequests";
  public static final String INPUT_RESPONSES = "inputResponses";
  public static final String REQUEST_STATE = "requestState";

  /** Methods of earlier revisions that 2026-07-28 removed: a modern request for one is answered as an unknown method. */
  public static final Set<String> REMOVED_METHODS = Set.of(McpMethods.INITIALIZE, McpMethods.PING,
      McpMethods.LOGGING_SET_LEVEL, McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);
  /** Requests whose result carries caching hints ({@code ttlMs}, {@code cacheScope}). */
  public static final Set<String> CACHEABLE = Set.of(SERVER_DISCOVER, McpMethods.TOOLS_LIST, McpMethods.PROMPTS_LIST,
      McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST, McpMethods.RESOURCES_READ);
  /** Requests that may be answered {@code input_required} (MRTR); {@code Mcp-Name} is required on the same three. */
  public static final Set<String> INPUT_CAPABLE = Set.of(McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET,
      McpMethods.RESOURCES_READ);

  private Modern() {
  }

  public static boolean isModern(String version) {
    return version != null && VERSIONS.contains(version);
  }

  /** Where a request names its target: {@code params.uri} for resources/read, {@code params.name} otherwise. */
  public static String nameField(String method) {
    return McpMethods.RESOURCES_READ.equals(method) ? "uri" : "name";
  }
}
