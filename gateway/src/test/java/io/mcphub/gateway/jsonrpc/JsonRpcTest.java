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
}
