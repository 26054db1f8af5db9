package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.TestHub;
import io.mcphub.gateway.upstream.UpstreamState;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Editing the config file of a running hub: servers, filtering mode and provider change live, bad edits are refused. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HotReloadTest {

  private static JsonObject config(JsonObject servers, JsonObject toolFiltering) {
    return new JsonObject().put("hub", new JsonObject().put("port", 0).put("restartInitialDelayMs", 100))
        .put("mcpServers", servers).put("toolFiltering", toolFiltering);
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  @Test
  void serversAreAddedChangedAndRemovedWithoutTouchingTheOthers(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.json");
    Files.writeString(file, config(new JsonObject().put("fx", TestHub.fixture("fx")), new JsonObject()).encode());
    List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
    try (TestHub hub = TestHub.watching(file, System::getenv);
        McpSyncClient client = hub.client(spec -> spec.toolsChangeConsumer(changes::add))) {
      assertThat(names(client)).allMatch(name -> name.startsWith("fx__"));

      Files.writeString(file, config(new JsonObject().put("fx", TestHub.fixture("fx")).put("fy", TestHub.fixture("fy")),
          new JsonObject()).encode());
      Await.until(() -> names(client).contains("fy__echo"));
      Await.until(() -> !changes.isEmpty());
      Object fxBefore = hub.onHub(h -> h.upstream("fx"));

      Files.writeString(file, config(new JsonObject().put("fx", TestHub.fixture("fx"))
          .put("fy", TestHub.fixture("fy").put("env", new JsonObject().put("MODE", "changed"))), new JsonObject()).encode());
      Await.until(() -> "changed".equals(envOf(client, "fy__env", "MODE")));
      assertThat(hub.<Object>onHub(h -> h.upstream("fx"))).as("an unchanged server keeps running").isSameAs(fxBefore);

      Files.writeString(file, config(new JsonObject().put("fx", TestHub.fixture("fx")), new JsonObject()).encode());
      Await.until(() -> names(client).stream().noneMatch(name -> name.startsWith("fy__")));
      assertThat(hub.<Object>onHub(h -> h.upstream("fy"))).isNull();
    }
  }

  @Test
  void anInvalidEditIsRefusedAndTheRunningConfigKept(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.json");
    Files.writeString(file, config(new JsonObject().put("fx", TestHub.fixture("fx")), new JsonObject()).encode());
    try (TestHub hub = TestHub.watching(file, System::getenv); McpSyncClient client = hub.client()) {
      Files.writeString(file, "{\"mcpServers\": {\"fx\": {\"command\": 42}}, \"toolFiltering\": {\"mode\": \"smart\"}}");
      Thread.sleep(4 * ConfigWatcher.POLL_MS + 300);
      assertThat(names(client)).contains("fx__echo");
      assertThat(hub.<UpstreamState>onHub(h -> h.upstream("fx").state())).isEqualTo(UpstreamState.CONNECTED);
      Files.writeString(file, config(new JsonObject().put("fx", TestHub.fixture("fx")).put("fz", TestHub.fixture("fz")),
          new JsonObject()).encode());
      Await.until(() -> names(client).contains("fz__echo"));
    }
  }

  @Test
  void aReloadThatWouldStopEveryServerBecauseOfAMistypedKeyIsRefusedWithAnError(@TempDir Path dir) throws Exception {
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
    ch.qos.logback.classic.Logger watcherLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ConfigWatcher.class);
    log.start();
    watcherLog.addAppender(log);
    Path file = dir.resolve("hub.json");
    Files.writeString(file, config(new JsonObject().put("fx", TestHub.fixture("fx")), new JsonObject()).encode());
    try (TestHub hub = TestHub.watching(file, System::getenv); McpSyncClient client = hub.client()) {
      JsonObject typo = config(new JsonObject().put("fx", TestHub.fixture("fx")), new JsonObject());
      typo.put("mcpServer", typo.remove("mcpServers"));
      Files.writeString(file, typo.encode());
      Await.until(() -> log.list.stream().anyMatch(event -> event.getLevel() == ch.qos.logback.classic.Level.ERROR
          && event.getFormattedMessage().equals("config reload refused, running config kept: mcpServer: unknown key; did you mean"
              + " mcpServers? Without \"mcpServers\" the hub would run no server")));
      assertThat(hub.<UpstreamState>onHub(h -> h.upstream("fx").state())).isEqualTo(UpstreamState.CONNECTED);
      assertThat(names(client)).contains("fx__echo");
    } finally {
      watcherLog.detachAppender(log);
    }
  }

  @Test
  void settingModeToStaticRollsPromptBasedFilteringBackLive(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.json");
    JsonObject servers = new JsonObject().put("fx", TestHub.fixture("fx").put("category", "development"));
    Files.writeString(file, config(servers, new JsonObject().put("mode", "prompt-based")).encode());
    List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
    try (TestHub hub = TestHub.watching(file, System::getenv);
        McpSyncClient client = hub.client(spec -> spec.toolsChangeConsumer(changes::add))) {
      assertThat(names(client)).containsExactly("hub__analyze_prompt", "hub__search_tools", "hub__call_tool", "hub__reset_exposure");
      Files.writeString(file, config(servers, new JsonObject().put("mode", "static")).encode());
      Await.until(() -> names(client).contains("fx__echo"));
      assertThat(names(client)).noneMatch(name -> name.startsWith("hub__"));
      Await.until(() -> !changes.isEmpty());
    }
  }

  @Test
  void switchingTheProviderInTheFileAppliesWithoutARestart(@TempDir Path dir) throws Exception {
    Vertx fakeVertx = Vertx.vertx();
    String content = new JsonObject().put("categories", new JsonArray().add(new JsonObject().put("name", "memory")
        .put("confidence", 0.9))).put("reasoning", "local model").encode();
    HttpServer fake = fakeVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
        request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("model", "llama3.1")
            .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
                .put("message", new JsonObject().put("role", "assistant").put("content", content)))).encode())))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      Path file = dir.resolve("hub.json");
      JsonObject servers = new JsonObject().put("fx", TestHub.fixture("fx").put("category", "memory"));
      JsonObject heuristic = new JsonObject().put("mode", "prompt-based");
      JsonObject openai = heuristic.copy().put("llmCategorization", new JsonObject().put("enabled", true).put("provider", "openai")
          .put("baseUrl", "http://127.0.0.1:" + fake.actualPort() + "/v1").put("model", "llama3.1"));
      Files.writeString(file, config(servers, heuristic).encode());
      try (TestHub hub = TestHub.watching(file, System::getenv); McpSyncClient client = hub.client()) {
        assertThat(source(client, "what do you know about me?")).isEqualTo("heuristic");
        Files.writeString(file, config(servers, openai).encode());
        Await.until(() -> "openai".equals(source(client, "what do you know about me?")));
        String health = new io.mcphub.gateway.support.RawMcp(hub.baseUrl() + "/health").request("GET", Map.of()).body();
        assertThat(health).contains("categorizer:openai");
        Files.writeString(file, config(servers, heuristic).encode());
        Await.until(() -> "heuristic".equals(source(client, "what else do you know about me?")));
      }
    } finally {
      fakeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String source(McpSyncClient client, String prompt) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt", Map.of("prompt", prompt)));
    @SuppressWarnings("unchecked")
    Map<String, Object> analysis = (Map<String, Object>) result.structuredContent();
    return String.valueOf(analysis.get("source"));
  }

  private static String envOf(McpSyncClient client, String tool, String variable) {
    try {
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, Map.of("name", variable)));
      return ((McpSchema.TextContent) result.content().get(0)).text();
    } catch (RuntimeException e) {
      return "unavailable";
    }
  }
}
