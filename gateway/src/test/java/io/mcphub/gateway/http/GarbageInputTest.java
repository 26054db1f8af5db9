package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Thousands of random, garbled and hostile bodies never kill the hub or hang a request. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GarbageInputTest {

  private static final List<String> SEEDS = List.of(
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"fx__echo\",\"arguments\":{\"text\":\"a\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"fixture://items/1\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"fx__greeting\"},\"argument\":{\"name\":\"name\",\"value\":\"A\"}}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}",
      "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{}}",
      "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");

  @Test
  void randomAndMutatedBodiesGetAnswersAndANormalCallStillWorks() {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))))) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      Random random = new Random(42);
      for (int i = 0; i < 3_000; i++) {
        String body = garble(random);
        HttpResponse<String> response = raw.post(body, RawMcp.headers(i % 3 == 0 ? null : session));
        assertThat(response.statusCode()).as("body %s", body).isIn(200, 202, 400, 404, 413);
        if (response.statusCode() >= 400) {
          assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message")).isNotBlank()
              .doesNotContain("Exception").doesNotContain("\tat ");
        }
      }
      JsonObject echo = raw.call(session, "tools/call",
          new JsonObject().put("name", "fx__echo").put("arguments", new JsonObject().put("text", "alive")));
      assertThat(echo.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("echo: alive");
      assertThat(new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of()).statusCode()).isEqualTo(200);
    }
  }

  private static String garble(Random random) {
    String seed = SEEDS.get(random.nextInt(SEEDS.size()));
    return switch (random.nextInt(6)) {
      case 0 -> randomBytes(random);
      case 1 -> seed.substring(0, random.nextInt(seed.length()));
      case 2 -> flip(seed, random);
      case 3 -> retype(seed, random);
      case 4 -> new JsonArray().add(seed).add(random.nextInt()).encode();
      default -> seed.replace("fx__", random.nextBoolean() ? "" : "fx__\u0000\uffff");
    };
  }

  private static String randomBytes(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(200);
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(0x3000));
    }
    return text.toString();
  }

  private static String flip(String seed, Random random) {
    char[] chars = seed.toCharArray();
    for (int i = 0; i < 3; i++) {
      chars[random.nextInt(chars.length)] = "{}[]\":,0a\\ ".charAt(random.nextInt(11));
    }
    return new String(chars);
  }

  /** Valid JSON with fields of the wrong type: the handlers must answer with errors, not throw. */
  private static String retype(String seed, Random random) {
    try {
      JsonObject message = new JsonObject(seed);
      Object[] odd = {null, 7, "s", true, new JsonArray().add(1), new JsonObject().put("k", "v"), -1.5};
      String[] keys = {"id", "method", "params", "jsonrpc"};
      message.put(keys[random.nextInt(keys.length)], odd[random.nextInt(odd.length)]);
      JsonObject params = message.getValue("params") instanceof JsonObject p ? p : null;
      if (params != null && !params.isEmpty()) {
        String key = params.fieldNames().iterator().next();
        params.put(key, odd[random.nextInt(odd.length)]);
      }
      return message.encode();
    } catch (RuntimeException e) {
      return seed;
    }
  }
}
