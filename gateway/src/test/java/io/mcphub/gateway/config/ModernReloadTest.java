package io.mcphub.gateway.config;

import static io.mcphub.gateway.support.ModernMcp.headers;
import static io.mcphub.gateway.support.ModernMcp.message;
import static io.mcphub.gateway.support.ModernMcp.meta;
import static io.mcphub.gateway.support.ModernMcp.next;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.ModernMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2026-07-28 client's tool list is a function of the config: an edit of {@code toolFiltering} changes it, and the
 * client's listen stream says so, though no upstream changed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModernReloadTest {

  private static JsonObject config(JsonObject toolFiltering) {
    return new JsonObject().put("hub", new JsonObject().put("port", 0))
        .put("mcpServers", new JsonObject().put("fx", TestHub.fixture("fx"))).put("toolFiltering", toolFiltering);
  }

  @Test
  void aFilteringEditIsAnnouncedOnListenStreams(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.json");
    Files.writeString(file, config(new JsonObject().put("mode", "static")).encode());
    try (TestHub hub = TestHub.watching(file, System::getenv)) {
      JsonObject listen = message("subscriptions/listen", meta(new JsonObject().put("notifications",
          new JsonObject().put("toolsListChanged", true)), new JsonObject()));
      try (Stream<String> lines = ModernMcp.open(ModernMcp.post(hub.mcpUrl(), listen, headers("subscriptions/listen", null))).body()) {
        Iterator<String> stream = lines.iterator();
        assertThat(next(stream).getString("method")).isEqualTo("notifications/subscriptions/acknowledged");
        Files.writeString(file, config(new JsonObject().put("mode", "server-allowlist")
            .put("serverFilter", new JsonObject().put("mode", "allowlist").put("servers", new JsonArray()))).encode());
        JsonObject changed = next(stream);
        assertThat(changed.getString("method")).isEqualTo("notifications/tools/list_changed");
        JsonObject list = new JsonObject(ModernMcp.send(ModernMcp.post(hub.mcpUrl(),
            message("tools/list", meta(new JsonObject(), new JsonObject())), headers("tools/list", null))).body());
        assertThat(list.getJsonObject("result").getJsonArray("tools")).as("no server is allowed any more").isEmpty();
      }
    }
  }
}
