package io.mcphub.gateway.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Attribute names: the OpenTelemetry semantic conventions for MCP and GenAI where they have one, {@code mcp_hub.*} for
 * what only the hub knows.
 *
 * @see <a href="https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/">Semantic conventions for MCP</a>
 */
final class SpanAttributes {

  static final AttributeKey<String> MCP_METHOD = AttributeKey.stringKey("mcp.method.name");
  static final AttributeKey<String> MCP_SESSION = AttributeKey.stringKey("mcp.session.id");
  static final AttributeKey<String> MCP_RESOURCE_URI = AttributeKey.stringKey("mcp.resource.uri");
  static final AttributeKey<String> JSONRPC_REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
  static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> PROMPT_NAME = AttributeKey.stringKey("gen_ai.prompt.name");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey.stringKey("network.transport");
  static final AttributeKey<String> NETWORK_PROTOCOL = AttributeKey.stringKey("network.protocol.name");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> RPC_STATUS = AttributeKey.stringKey("rpc.response.status_code");
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  /** The configured name of the upstream server a call went to. */
  static final AttributeKey<String> UPSTREAM_SERVER = AttributeKey.stringKey("mcp_hub.server.name");

  /** {@code gen_ai.operation.name} of {@code tools/call}. */
  static final String EXECUTE_TOOL = "execute_tool";
  /** {@code error.type} of a tool result with {@code isError: true}. */
  static final String TOOL_ERROR = "tool_error";

  private SpanAttributes() {
  }
}
