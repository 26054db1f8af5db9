package io.mcphub.gateway.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A response spliced around a pre-encoded result carries the client's id exactly as a tree would have written it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonRpcTest {

  @Test
  void idsAreWrittenAsJacksonWritesThem() {
    for (Object id : Arrays.asList(7, -7L, Long.MAX_VALUE, 1.5, new BigInteger("123456789012345678901234567890"), "abc-1",
        "", "é", "a\"b", "back\\slash", "tab\t", "line\nbreak", "\u007f", "😀", null)) {
      assertThat(JsonRpc.encodeId(id)).as(String.valueOf(id)).isEqualTo(Json.encode(id));
      JsonObject result = new JsonObject().put("ok", true);
      assertThat(JsonRpc.encode(JsonRpc.result(id, new EncodedResult(result)))).isEqualTo(JsonRpc.result(id, result).encode());
    }
  }

  @Test
  void theBytesSentAreTheTextsUtf8() {
    EncodedResult cached = new EncodedResult(new JsonObject().put("tools", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("name", "é✓"))));
    JsonObject passed = ResponseLine.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\" : \"😀\"}}");
    for (JsonObject message : Arrays.asList(JsonRpc.result("a", cached), JsonRpc.result(2, cached),
        JsonRpc.result(3, (JsonObject) passed.getValue("result")), JsonRpc.result(4, new JsonObject().put("x", "ü")),
        JsonRpc.error(5, new McpException(JsonRpc.INVALID_PARAMS, "bad")))) {
      assertThat(JsonRpc.toBuffer(message).toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(JsonRpc.encode(message));
    }
    assertThat(cached.bytes()).as("a cached result keeps its bytes").isSameAs(cached.bytes());
  }
}
