package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.jsonrpc.EncodedResult;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The 2026-07-28 envelope on results the hub forwards as text: never a key twice in what a client receives. */
class ModernResultsTest {

  @Test
  void aResultWhoseTextHasNoEnvelopeKeyGetsTheEnvelopeSplicedIn() {
    JsonObject stamped = ModernResults.stamp(McpMethods.TOOLS_CALL, EncodedResult.passThrough("{\"content\":[]}"), false);
    String text = ((EncodedResult) stamped).encoded();
    assertThat(new JsonObject(text).getString(Modern.RESULT_TYPE)).isEqualTo(Modern.COMPLETE);
    assertThat(occurrences(text, "\"" + Modern.RESULT_TYPE + "\"")).isEqualTo(1);
  }

  @Test
  void aResultTypeThatIsNotAStringIsReplacedNotRepeated() {
    JsonObject stamped = ModernResults.stamp(McpMethods.TOOLS_CALL, EncodedResult.passThrough("{\"resultType\":null,\"content\":[]}"), false);
    String text = stamped instanceof EncodedResult encoded ? encoded.encoded() : stamped.encode();
    assertThat(occurrences(text, "\"" + Modern.RESULT_TYPE + "\"")).as(text).isEqualTo(1);
    assertThat(new JsonObject(text).getString(Modern.RESULT_TYPE)).isEqualTo(Modern.COMPLETE);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
