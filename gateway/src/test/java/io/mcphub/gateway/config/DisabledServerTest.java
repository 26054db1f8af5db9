package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server marked {@code "disabled": true} (or {@code "disable": true}) is not started and shows as disabled, not failed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DisabledServerTest {

  @Test
  void aDisabledServerIsNotStartedAndShowsAsDisabledInHealthAndTheApi() throws Exception {
    JsonObject servers = new JsonObject()
        .put("on", TestHub.fixture("on"))
        .put("off", TestHub.fixture("off").put("disabled", true))
        .put("alsoOff", TestHub.fixture("alsoOff").put("disable", true));
    try (TestHub hub = TestHub.start(TestHub.config(servers))) {
      assertThat(hub.<UpstreamState>onHub(h -> h.upstream("off").state())).isEqualTo(UpstreamState.DISABLED);
      assertThat(hub.<UpstreamState>onHub(h -> h.upstream("alsoOff").state())).isEqualTo(UpstreamState.DISABLED);
      assertThat(hub.<UpstreamState>onHub(h -> h.upstream("on").state())).isEqualTo(UpstreamState.CONNECTED);

      java.net.http.HttpResponse<String> health = new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of());
      assertThat(health.statusCode()).isEqualTo(200);
      JsonArray listed = new JsonObject(new RawMcp(hub.baseUrl() + "/api/servers").request("GET", Map.of()).body())
          .getJsonArray("servers");
      Map<String, String> status = new java.util.HashMap<>();
      listed.forEach(server -> status.put(((JsonObject) server).getString("name"), ((JsonObject) server).getString("status")));
      assertThat(status).containsEntry("off", "disabled").containsEntry("alsoOff", "disabled").containsEntry("on", "connected");
      assertThat(hub.<Boolean>onHub(h -> h.upstream("alsoOff").catalog().list(io.mcphub.gateway.upstream.ListKind.TOOLS).isEmpty()))
          .isTrue();
    }
  }
}
