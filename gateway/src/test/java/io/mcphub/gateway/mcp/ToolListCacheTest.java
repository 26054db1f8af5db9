package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.jsonrpc.EncodedResult;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.CatalogServers;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tools/list} answers are built and encoded once per exposure: the cached answer still echoes each request's id,
 * and follows an upstream whose tool list changes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToolListCacheTest {

  @Test
  void aCachedResultIsSplicedIntoEachResponseWithThatResponsesId() {
    EncodedResult result = new EncodedResult(new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("name", "a"))));

    String withText = JsonRpc.encode(JsonRpc.result("req-\"1\"", result));
    String withNumber = JsonRpc.encode(JsonRpc.result(7, result));

    assertThat(new JsonObject(withText)).isEqualTo(new JsonObject().put("jsonrpc", "2.0").put("id", "req-\"1\"")
        .put("result", new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("name", "a")))));
    assertThat(new JsonObject(withNumber).getValue("id")).isEqualTo(7);
    assertThat(new JsonObject(withNumber).getJsonObject("result")).isEqualTo(new JsonObject(withText).getJsonObject("result"));
  }

  @Test
  void aViewsSessionsNeverShareACachedListWithOtherSessionsEvenWithAnEqualExposure() {
    io.mcphub.gateway.exposure.ExposurePolicy policy = new io.mcphub.gateway.exposure.ExposurePolicy(
        new io.mcphub.gateway.config.ConfigParser(name -> null).parse(new JsonObject("{\"toolFiltering\": {\"mode\": \"prompt-based\"}}"))
            .filtering(), io.mcphub.gateway.exposure.ExposureStore.inMemory());
    io.mcphub.gateway.session.Session legacy = new io.mcphub.gateway.session.Session(null, "legacy",
        io.mcphub.gateway.session.Session.Transport.STREAMABLE_HTTP);
    policy.expose(legacy, java.util.Set.of("web"), List.of("srv__web"));
    String view = policy.handles().mint(null, java.util.Set.of("web"), List.of("srv__web")).id();
    io.mcphub.gateway.session.Session viewer = new io.mcphub.gateway.session.Session(null, "viewer",
        io.mcphub.gateway.session.Session.Transport.STREAMABLE_HTTP);
    viewer.view(view);
    io.mcphub.gateway.session.Session sameView = new io.mcphub.gateway.session.Session(null, "same",
        io.mcphub.gateway.session.Session.Transport.STREAMABLE_HTTP);
    sameView.view(view);
    Object catalog = new Object();

    assertThat(policy.exposure(viewer)).as("the exposures are equal").isEqualTo(policy.exposure(legacy));
    assertThat(ToolListCache.View.of(catalog, policy, viewer)).isNotEqualTo(ToolListCache.View.of(catalog, policy, legacy));
    assertThat(ToolListCache.View.of(catalog, policy, viewer)).isEqualTo(ToolListCache.View.of(catalog, policy, sameView));
  }

  @Test
  void theListFollowsAnUpstreamWhoseToolsChange() throws Exception {
    Path file = Files.createTempDirectory("mcp-hub-tool-list-cache").resolve("cat.json");
    JsonObject original = server(List.of("alpha", "beta"));
    CatalogServers.write(file, original);
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("cat", CatalogServers.server(file, "cat", true))));
        McpSyncClient client = hub.client()) {
      Await.until(() -> names(client).equals(List.of("cat__alpha", "cat__beta")));
      assertThat(names(client)).containsExactly("cat__alpha", "cat__beta");

      CatalogServers.write(file, server(List.of("alpha", "beta", "gamma")));
      Await.until(() -> names(client).contains("cat__gamma"));

      CatalogServers.write(file, server(List.of("beta")));
      Await.until(() -> names(client).equals(List.of("cat__beta")));
      try (McpSyncClient other = hub.client()) {
        assertThat(names(other)).containsExactly("cat__beta");
      }
    }
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  private static JsonObject server(List<String> tools) {
    JsonArray definitions = new JsonArray();
    tools.forEach(name -> definitions.add(new JsonObject().put("name", name).put("description", "the " + name + " tool")
        .put("inputSchema", new JsonObject().put("type", "object"))));
    return new JsonObject().put("name", "cat").put("title", "Cat").put("description", "a small catalog").put("tools", definitions);
  }
}
