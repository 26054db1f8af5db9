package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A server's {@code "namespace"}: {@code false} keeps its own tool and prompt names, a string sets another prefix; a
 * name another server already lists, or one in the hub's {@code hub__} namespace, is skipped with a warning naming both
 * servers and the name — never shadowed. Real stdio fixture servers behind the hub, a real MCP client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerNamespaceTest {

  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private final Logger registryLog = (Logger) LoggerFactory.getLogger(CapabilityRegistry.class);

  @BeforeEach
  void captureWarnings() {
    warnings.start();
    registryLog.addAppender(warnings);
  }

  @AfterEach
  void releaseWarnings() {
    registryLog.detachAppender(warnings);
  }

  @Test
  void aServerWithoutNamespaceKeepsItsNamesAndACustomPrefixReplacesTheServerName() {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()
            .put("plain", fixture("a").put("namespace", false))
            .put("custom", fixture("b").put("namespace", "bee"))));
        McpSyncClient client = hub.client()) {
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(tools).contains("echo", "structured", "bee__echo").noneMatch(name -> name.startsWith("plain__") || name.startsWith("custom__"));
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", "own name")))))
          .isEqualTo("echo: own name");
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("bee__env", Map.of("name", "WHO"))))).isEqualTo("b");
      assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("greeting", "bee__greeting");
      assertThat(client.getPrompt(new McpSchema.GetPromptRequest("greeting", Map.of("name", "Ada"))).messages()).isNotEmpty();
    }
  }

  @Test
  void aCollidingNameIsSkippedWithAWarningNamingBothServersAtStartAndOnEveryListChange() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()
            .put("first", fixture("a").put("namespace", false))
            .put("second", fixture("b").put("namespace", false))));
        McpSyncClient client = hub.client()) {
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(tools).doesNotHaveDuplicates().contains("env").noneMatch(name -> name.matches("env_\\d+"));
      // the upstreams start concurrently: whichever listed 'env' first keeps it, the other's is skipped
      String owner = Results.text(client.callTool(new McpSchema.CallToolRequest("env", Map.of("name", "WHO")))).equals("a")
          ? "first" : "second";
      String other = owner.equals("first") ? "second" : "first";
      assertThat(warningText())
          .contains("tool name collision: 'env' of upstream '" + other + "' is skipped, upstream '" + owner + "' already lists 'env'");

      // at run time: the owner adds a tool; then the other server adds one of the same name, which must not shadow it
      hub.onHub(h -> h.upstream(owner).call("tools/call",
          new JsonObject().put("name", "add_tool").put("arguments", new JsonObject().put("name", "late")), null).result());
      Await.until(() -> names(client).contains("late"));
      warnings.list.clear();
      hub.onHub(h -> h.upstream(other).call("tools/call",
          new JsonObject().put("name", "add_tool").put("arguments", new JsonObject().put("name", "late")), null).result());
      Await.until(() -> warningText()
          .contains("'late' of upstream '" + other + "' is skipped, upstream '" + owner + "' already lists 'late'"));
      assertThat(names(client)).containsOnlyOnce("late");
      assertThat(Results.text(client.callTool(new McpSchema.CallToolRequest("env", Map.of("name", "WHO")))))
          .isEqualTo(owner.equals("first") ? "a" : "b");
    }
  }

  @Test
  void anUpstreamToolInTheHubsOwnNamespaceIsSkipped() throws Exception {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("plain", fixture("a").put("namespace", false))));
        McpSyncClient client = hub.client()) {
      client.callTool(new McpSchema.CallToolRequest("add_tool", Map.of("name", "hub__reset_exposure")));
      Await.until(() -> warningText().contains("tool 'hub__reset_exposure' of upstream 'plain' is skipped: the hub__ namespace is the hub's own"));
      assertThat(names(client)).contains("echo").doesNotContain("hub__reset_exposure");
    }
  }

  @Test
  void aNameOfAServerThatKeepsItsNamesIsUnknownNotRetryableWhenAbsent() {
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("plain", fixture("a").put("namespace", false))));
        McpSyncClient client = hub.client()) {
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("plain__echo", Map.of("text", "x"))))
          .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: plain__echo");
    }
  }

  private static JsonObject fixture(String who) {
    return TestHub.fixture(who).put("env", new JsonObject().put("WHO", who));
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  private String warningText() {
    return String.join("\n", warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
  }
}
