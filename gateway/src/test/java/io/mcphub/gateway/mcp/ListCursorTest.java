package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hub lists everything in one page and issues no cursor: a {@code cursor} on any list request is -32602. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListCursorTest {

  @Test
  void everyListRefusesACursorItNeverIssuedAndAnswersWithoutOne() {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))))) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      for (String method : new String[] {"tools/list", "prompts/list", "resources/list", "resources/templates/list"}) {
        JsonObject refused = raw.call(session, method, new JsonObject().put("cursor", "bm90LWlzc3VlZA=="));
        assertThat(refused.getJsonObject("error")).as(method).isNotNull();
        assertThat(refused.getJsonObject("error").getInteger("code")).as(method).isEqualTo(-32602);
        assertThat(refused.getJsonObject("error").getString("message")).as(method).startsWith("Invalid cursor");
        JsonObject listed = raw.call(session, method, new JsonObject());
        assertThat(listed.getJsonObject("result")).as(method).isNotNull();
        assertThat(listed.getJsonObject("result").containsKey("nextCursor")).as(method).isFalse();
      }
    }
  }
}
