package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.Blocking;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one client does never reaches another: roots, log levels and log messages, through shared and per-client
 * upstream instances; and a malformed upstream answer fails its own call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientIsolationTest {

  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    hub = TestHub.start(TestHub.config(new JsonObject()
        .put("shared", TestHub.fixture("shared"))
        .put("own", TestHub.fixture("own").put("isolation", "per-client"))
        .put("single", TestHub.fixture("single").put("isolation", "per-client").put("maxInstances", 1)
            .put("instanceIdleTimeout", 1_000))
        .put("stoppable", TestHub.fixture("stoppable").put("isolation", "per-client"))));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void eachClientsRootsReachOnlyItsOwnInstanceAndNeverASharedOne() {
    try (McpSyncClient alice = withRoots("file:///home/alice"); McpSyncClient bob = withRoots("file:///home/bob")) {
      assertThat(call(alice, "own__roots")).isEqualTo("roots: file:///home/alice");
      assertThat(call(bob, "own__roots")).isEqualTo("roots: file:///home/bob");
      assertThatThrownBy(() -> call(alice, "shared__roots")).isInstanceOf(McpError.class)
          .hasMessageContaining("did not declare the roots capability");
    }
  }

  @Test
  void aRootsChangeIsToldOnlyToTheSendersOwnInstance() throws Exception {
    try (McpSyncClient alice = withRoots("file:///home/alice"); McpSyncClient bob = withRoots("file:///home/bob")) {
      assertThat(call(alice, "own__roots_changes")).isEqualTo("0");
      assertThat(call(bob, "own__roots_changes")).isEqualTo("0");
      alice.addRoot(new McpSchema.Root("file:///home/alice/project", "project"));
      alice.rootsListChangedNotification();
      Await.until(() -> call(alice, "own__roots_changes").equals("1"));
      assertThat(call(bob, "own__roots_changes")).isEqualTo("0");
      assertThat(call(alice, "shared__roots_changes")).isEqualTo("0");
    }
  }

  @Test
  void logLevelsArePerClientAndLogsReachOnlyClientsThatAskedForThem() throws Exception {
    List<McpSchema.LoggingMessageNotification> aliceLogs = new CopyOnWriteArrayList<>();
    List<McpSchema.LoggingMessageNotification> bobLogs = new CopyOnWriteArrayList<>();
    try (McpSyncClient alice = hub.client(spec -> spec.loggingConsumer(aliceLogs::add));
        McpSyncClient bob = hub.client(spec -> spec.loggingConsumer(bobLogs::add))) {
      alice.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
      bob.setLoggingLevel(McpSchema.LoggingLevel.ERROR);
      log(alice, "own__log", "info", "alice own");
      log(bob, "own__log", "warning", "bob own");
      log(alice, "shared__log", "info", "alice shared");
      log(bob, "shared__log", "warning", "bob shared");
      log(alice, "own__log", "error", "alice done");
      Await.until(() -> aliceLogs.stream().anyMatch(entry -> String.valueOf(entry.data()).contains("alice done")));
      assertThat(aliceLogs).extracting(entry -> String.valueOf(entry.data()))
          .contains("alice own", "alice shared").doesNotContain("bob own");
      assertThat(bobLogs).as("bob asked for error and above only").isEmpty();
    }
  }

  @Test
  void aMalformedUpstreamAnswerFailsItsCallWithAClearErrorAndTheSessionGoesOn() {
    try (McpSyncClient client = hub.client()) {
      for (String shape : List.of("string-error", "number-result", "array-result")) {
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("shared__malformed", Map.of("shape", shape))))
            .isInstanceOf(McpError.class).hasMessageContaining("malformed response");
      }
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("shared__echo", Map.of("text", "still here")))))
          .isEqualTo("echo: still here");
    }
  }

  @Test
  void perClientInstancesAreCappedStoppedWhenIdleAndStoppedWithTheirSession() throws Exception {
    try (McpSyncClient alice = hub.client(); McpSyncClient bob = hub.client()) {
      assertThat(call(alice, "single__echo")).isEqualTo("echo: x");
      CompletableFuture<String> aliceBusy = Blocking.supply(() -> call(alice, "single__sleep", Map.of("ms", 1_500)));
      Await.until(() -> hub.onHub(h -> h.clientInstances("single")) == 1);
      Thread.sleep(200);
      assertThatThrownBy(() -> call(bob, "single__echo")).isInstanceOf(McpError.class)
          .hasMessageContaining("cap of 1 per-client instances, all busy");
      assertThat(aliceBusy.get(10, TimeUnit.SECONDS)).isEqualTo("slept 1500");
      assertThat(call(bob, "single__echo")).as("alice's idle instance made room").isEqualTo("echo: x");
      Await.until(() -> hub.onHub(h -> h.clientInstances("single")) == 0);
      assertThat(call(bob, "own__echo")).isEqualTo("echo: x");
      assertThat(hub.<Integer>onHub(h -> h.clientInstances("own"))).isGreaterThanOrEqualTo(1);
    }
    Await.until(() -> hub.onHub(h -> h.clientInstances("own")) == 0);
  }

  @Test
  void stoppingAServerStopsItsPerClientInstances() throws Exception {
    try (McpSyncClient alice = hub.client(); McpSyncClient bob = hub.client()) {
      assertThat(call(alice, "stoppable__echo")).isEqualTo("echo: x");
      assertThat(call(bob, "stoppable__echo")).isEqualTo("echo: x");
      assertThat(hub.<Integer>onHub(h -> h.clientInstances("stoppable"))).isEqualTo(2);
      assertThat(healthOf("upstream:stoppable").getInteger("clientInstances")).as("/health shows them").isEqualTo(2);
      hub.onHub(h -> h.upstream("stoppable").stop());
      Await.until(() -> hub.onHub(h -> h.clientInstances("stoppable")) == 0);
    }
  }

  @Test
  void theFilesystemServerServesEachClientItsOwnRoots(@TempDir Path alicesHome, @TempDir Path bobsHome)
      throws Exception {
    Path fallback = Files.createTempDirectory("mcp-hub-fallback");
    JsonObject filesystem = TestHub.reference("server-filesystem", fallback.toString()).put("isolation", "per-client");
    try (TestHub own = TestHub.start(TestHub.config(new JsonObject().put("filesystem", filesystem)));
        McpSyncClient alice = own.client(spec -> spec.roots(new McpSchema.Root(alicesHome.toUri().toString(), "alice")));
        McpSyncClient bob = own.client(spec -> spec.roots(new McpSchema.Root(bobsHome.toUri().toString(), "bob")));
        McpSyncClient anonymous = own.client()) {
      // server-filesystem applies roots asynchronously after the client answers: a call right after the instance starts
      // may still see its default directory, so wait for the roots to take effect, then check nobody else's are there
      String alices = alicesHome.toRealPath().toString();
      String bobs = bobsHome.toRealPath().toString();
      Await.until(() -> call(alice, "filesystem__list_allowed_directories", Map.of()).contains(alices));
      Await.until(() -> call(bob, "filesystem__list_allowed_directories", Map.of()).contains(bobs));
      assertThat(call(alice, "filesystem__list_allowed_directories", Map.of())).doesNotContain(bobs, fallback.toString());
      assertThat(call(bob, "filesystem__list_allowed_directories", Map.of())).doesNotContain(alices, fallback.toString());
      assertThat(call(anonymous, "filesystem__list_allowed_directories", Map.of()))
          .as("a client without roots gets the configured directory").contains(fallback.toRealPath().toString());
    } finally {
      Files.deleteIfExists(fallback);
    }
  }

  private static JsonObject healthOf(String check) throws Exception {
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(health.body()).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(entry -> check.equals(entry.getString("id"))).findFirst().orElseThrow().getJsonObject("data");
  }

  private static McpSyncClient withRoots(String uri) {
    return hub.client(spec -> spec.roots(new McpSchema.Root(uri, "home")));
  }

  private static String call(McpSyncClient client, String tool) {
    return call(client, tool, Map.of("text", "x"));
  }

  private static String call(McpSyncClient client, String tool, Map<String, Object> arguments) {
    return Results.text(client.callTool(new McpSchema.CallToolRequest(tool, arguments)));
  }

  private static void log(McpSyncClient client, String tool, String level, String message) {
    call(client, tool, Map.of("level", level, "message", message));
  }
}
