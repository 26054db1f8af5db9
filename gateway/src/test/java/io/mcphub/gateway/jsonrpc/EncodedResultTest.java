package io.mcphub.gateway.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A cached result grows an envelope by splicing its text: what is sent is what the tree says. */
class EncodedResultTest {

  @Test
  void fieldsAddedToAnEncodedResultAreInItsTextAndItsTree() {
    EncodedResult tools = new EncodedResult(new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("name", "a"))));
    JsonObject envelope = new JsonObject().put("resultType", "complete").put("ttlMs", 0);
    EncodedResult stamped = tools.with(envelope);
    assertThat(new JsonObject(stamped.encoded())).isEqualTo(tools.copy().mergeIn(envelope));
    assertThat(stamped.getString("resultType")).isEqualTo("complete");
    assertThat(tools.containsKey("resultType")).as("the cached result is left as it was").isFalse();
    assertThat(new JsonObject(new EncodedResult(new JsonObject()).with(envelope).encoded())).isEqualTo(envelope);
    assertThat(JsonRpc.encode(JsonRpc.result(7, stamped))).contains("\"resultType\":\"complete\"");
  }
}
