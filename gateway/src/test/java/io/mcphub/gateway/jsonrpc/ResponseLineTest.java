package io.mcphub.gateway.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An upstream's success response is forwarded with its result as the text it arrived in (only the id rewritten);
 * everything else, and anything malformed, is left to the tree parser.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResponseLineTest {

  private static String passedThrough(String line) {
    JsonObject response = ResponseLine.parse(line);
    assertThat(response).as("read as a plain response: %s", line).isNotNull();
    assertThat(response.getValue("result")).isInstanceOf(EncodedResult.class);
    return ((EncodedResult) response.getValue("result")).encoded();
  }

  @Test
  void theResultIsSentAsItsOwnTextWithTheClientsId() {
    String line = "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hi\"}]},\"jsonrpc\":\"2.0\",\"id\":12}";
    JsonObject response = ResponseLine.parse(line);
    assertThat(response.getValue("id")).isEqualTo(12);
    assertThat(response.getString("jsonrpc")).isEqualTo("2.0");
    EncodedResult result = (EncodedResult) response.getValue("result");
    assertThat(JsonRpc.encode(JsonRpc.result("client-7", result)))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"client-7\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hi\"}]}}");
  }

  @Test
  void stringsWithEscapedQuotesBracesAndUnicodeStayInsideTheResult() {
    String result = "{\"text\":\"a \\\"quoted}\\\" brace {\\\\\",\"é\":\"\\u00e9 😀 \\ud83d\\ude00\",\"n\":1e2}";
    assertThat(passedThrough("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}")).isEqualTo(result);
  }

  @Test
  void resultAsAKeyInsideNestedObjectsIsNotTheResult() {
    String result = "{\"nested\":{\"result\":{\"id\":99}},\"list\":[{\"result\":[]}],\"result\":\"x\"}";
    JsonObject response = ResponseLine.parse("{\"id\":3,\"result\":" + result + ",\"jsonrpc\":\"2.0\"}");
    assertThat(response.getValue("id")).isEqualTo(3);
    assertThat(((EncodedResult) response.getValue("result")).encoded()).isEqualTo(result);
  }

  @Test
  void theIdMayComeAfterTheResultAndWhitespaceMayBeAnywhere() {
    String result = "{ \"a\" : [ 1 , 2 ] ,\t\"b\" : { } }";
    JsonObject response = ResponseLine.parse(" { \"result\" : " + result + " , \"jsonrpc\" : \"2.0\" , \"id\" : 41 } ");
    assertThat(response.getValue("id")).isEqualTo(41);
    assertThat(((EncodedResult) response.getValue("result")).encoded()).isEqualTo(result);
  }

  @Test
  void aResultTheHubReadsIsParsedAndOnceChangedIsSentAsChanged() {
    JsonObject response = ResponseLine.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"isError\":false}}");
    EncodedResult result = (EncodedResult) response.getValue("result");
    assertThat(result.getBoolean("isError")).isFalse();
    assertThat(result.getJsonArray("content")).isEmpty();
    result.put("resultType", "complete");
    assertThat(new JsonObject(JsonRpc.encode(JsonRpc.result(5, result))).getJsonObject("result"))
        .isEqualTo(new JsonObject().put("content", new io.vertx.core.json.JsonArray()).put("isError", false)
            .put("resultType", "complete"));
    assertThat(result.copy().fieldNames()).containsExactly("content", "isError", "resultType");
  }

  @Test
  void anythingButAWellFormedPlainResponseIsLeftToTheTreeParser() {
    List<String> others = List.of(
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"no\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"roots/list\"}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"result\":{}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"result\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"result\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"extra\":true}",
      "{\"jsonrpc\":\"2.0\",\"result\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1}",
      "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}]",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":\"unterminated}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":\"raw\ttab is a control character\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":\"bad escape \\q\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":tru}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}} {}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1,\r\"data: injected\":2}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1 /* a comment is not JSON */ }}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1 // nor this\n}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":1 # nor this\n}}",
      "",
      "not json");
    for (String line : others) {
      assertThat(ResponseLine.parse(line)).as(line).isNull();
    }
  }
}
