package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.jsonrpc.HeaderValues;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request metadata of MCP 2026-07-28: _meta, Mcp-Name, Mcp-Param-* and the spec's encoding of header values. */
class ModernRequestsTest {

  @Test
  void headerValuesAreEncodedAsTheSpecsExamplesShow() {
    assertThat(HeaderValues.encode("us-west1")).isEqualTo("us-west1");
    assertThat(HeaderValues.encode("Hello, 世界")).isEqualTo("=?base64?SGVsbG8sIOS4lueVjA==?=");
    assertThat(HeaderValues.encode(" padded ")).isEqualTo("=?base64?IHBhZGRlZCA=?=");
    assertThat(HeaderValues.encode("line1\nline2")).isEqualTo("=?base64?bGluZTEKbGluZTI=?=");
    assertThat(HeaderValues.encode("=?base64?literal?=")).isEqualTo("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
  }

  @Test
  void declaredParametersAreMirroredByTheirPropertyPath() {
    JsonObject schema = new JsonObject().put("type", "object").put("properties", new JsonObject()
        .put("region", new JsonObject().put("type", "string").put("x-mcp-header", "Region"))
        .put("limit", new JsonObject().put("type", "integer").put("x-mcp-header", "Limit"))
        .put("absent", new JsonObject().put("type", "boolean").put("x-mcp-header", "Absent"))
        .put("target", new JsonObject().put("type", "object").put("properties", new JsonObject()
            .put("dry", new JsonObject().put("type", "boolean").put("x-mcp-header", "Dry")))));
    JsonObject arguments = new JsonObject().put("region", "eu").put("limit", 42).put("target", new JsonObject().put("dry", true));
    assertThat(ModernRequests.paramHeaders(schema, arguments))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Mcp-Param-Region", "eu", "Mcp-Param-Limit", "42", "Mcp-Param-Dry", "true"));
  }

  @Test
  void toolsWhoseHeaderDeclarationsBreakTheRulesAreInvalid() {
    assertThat(ModernRequests.invalidHeaderDeclaration(tool(new JsonObject()
        .put("a", new JsonObject().put("type", "string").put("x-mcp-header", "A"))))).isNull();
    assertThat(ModernRequests.invalidHeaderDeclaration(tool(new JsonObject()
        .put("n", new JsonObject().put("type", "number").put("x-mcp-header", "N"))))).contains("number");
    assertThat(ModernRequests.invalidHeaderDeclaration(tool(new JsonObject()
        .put("a", new JsonObject().put("type", "string").put("x-mcp-header", "Same"))
        .put("b", new JsonObject().put("type", "string").put("x-mcp-header", "same"))))).contains("twice");
    assertThat(ModernRequests.invalidHeaderDeclaration(tool(new JsonObject()
        .put("a", new JsonObject().put("type", "string").put("x-mcp-header", "Bad Name"))))).contains("token");
    assertThat(ModernRequests.invalidHeaderDeclaration(tool(new JsonObject()
        .put("list", new JsonObject().put("type", "array").put("items",
            new JsonObject().put("type", "string").put("x-mcp-header", "Item")))))).contains("reached");
  }

  @Test
  void everyRequestCarriesTheModernMetaAndTheNameItActsOn() {
    JsonObject params = ModernRequests.withMeta(new JsonObject().put("name", "get_weather"), new JsonObject().put("sampling", new JsonObject()));
    JsonObject meta = params.getJsonObject("_meta");
    assertThat(meta.getString(Modern.META_PROTOCOL_VERSION)).isEqualTo(Modern.V2026_07_28);
    assertThat(meta.getJsonObject(Modern.META_CLIENT_CAPABILITIES).fieldNames()).containsExactly("sampling");
    assertThat(meta.getJsonObject(Modern.META_CLIENT_INFO).getString("name")).isEqualTo("mcp-hub");
    assertThat(ModernRequests.name(McpMethods.TOOLS_CALL, params)).isEqualTo("get_weather");
    assertThat(ModernRequests.name(McpMethods.RESOURCES_READ, new JsonObject().put("uri", "file:///a"))).isEqualTo("file:///a");
    assertThat(ModernRequests.name(McpMethods.TOOLS_LIST, params)).isNull();
  }

  @Test
  void aModernOnlyServersRefusalOfInitializeIsRecognised() {
    Buffer body = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("error", new JsonObject().put("code", -32022)
        .put("message", "Unsupported protocol version: 2025-11-25")
        .put("data", new JsonObject().put("supported", new JsonArray().add("2026-07-28")))).toBuffer();
    McpException refusal = StreamableHttpTransport.unsupportedVersion(body);
    assertThat(refusal).isNotNull();
    assertThat(ModernRequests.supportedVersions(refusal.data())).containsExactly(Modern.V2026_07_28);
    assertThat(StreamableHttpTransport.unsupportedVersion(Buffer.buffer("Bad Request: No valid session ID provided"))).isNull();
  }

  private static JsonObject tool(JsonObject properties) {
    return new JsonObject().put("name", "t").put("inputSchema", new JsonObject().put("type", "object").put("properties", properties));
  }
}
