package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.config.TransportType;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.support.NodeServer;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Remote upstreams over Streamable HTTP and legacy SSE: real server processes on loopback. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RemoteUpstreamTest {

  @Test
  void aStreamableHttpUpstreamIsListedAndCalled() throws Exception {
    try (NodeServer everything = NodeServer.everything("streamableHttp", 0);
        TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("remote",
            new JsonObject().put("url", everything.url("/mcp")).put("headers", new JsonObject().put("X-Team", "a")))));
        McpSyncClient client = hub.client()) {
      assertThat(echo(client, "remote__echo", "over http")).isEqualTo("Echo: over http");
      assertThat(hub.<TransportType>onHub(h -> h.upstream("remote").activeTransport())).isEqualTo(TransportType.STREAMABLE_HTTP);
    }
  }

  @Test
  void anSseUpstreamWorksExplicitlyAndByFallbackFromStreamableHttp() throws Exception {
    try (NodeServer everything = NodeServer.everything("sse", 0);
        TestHub hub = TestHub.start(TestHub.config(new JsonObject()
            .put("explicit", new JsonObject().put("url", everything.url("/sse")).put("type", "sse"))
            .put("guessed", new JsonObject().put("url", everything.url("/sse")))));
        McpSyncClient client = hub.client()) {
      assertThat(echo(client, "explicit__echo", "one")).isEqualTo("Echo: one");
      assertThat(echo(client, "guessed__echo", "two")).isEqualTo("Echo: two");
      assertThat(hub.<TransportType>onHub(h -> h.upstream("guessed").activeTransport())).isEqualTo(TransportType.SSE);
    }
  }

  @Test
  void anExpiredUpstreamSessionIsReinitializedTransparently() {
    try (TestHub inner = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))));
        // the inner hub serves 2026-07-28 too: "legacy" keeps the outer hub on a 2025 session, which can expire
        TestHub outer = TestHub.start(TestHub.config(new JsonObject().put("inner", new JsonObject().put("url", inner.mcpUrl())
            .put("protocol", "legacy"))));
        McpSyncClient client = outer.client()) {
      assertThat(echo(client, "inner__fx__echo", "first")).isEqualTo("echo: first");
      List<String> ended = inner.onHub(h -> {
        List<String> ids = h.sessions().all().stream().map(Session::id).toList();
        ids.forEach(h::closeSession);
        return ids;
      });
      assertThat(ended).hasSize(1);
      // the inner hub now answers 404 for the old session; the outer hub initializes anew and retries
      assertThat(echo(client, "inner__fx__echo", "second")).isEqualTo("echo: second");
      int innerSessions = inner.onHub(h -> h.sessions().size());
      assertThat(innerSessions).isEqualTo(1);
    }
  }

  @Test
  void aHubInFrontOfAHubSpeaks20260728UnlessPinnedToLegacy() {
    try (TestHub inner = TestHub.start(TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))));
        TestHub outer = TestHub.start(TestHub.config(new JsonObject()
            .put("auto", new JsonObject().put("url", inner.mcpUrl()))
            .put("pinned", new JsonObject().put("url", inner.mcpUrl()).put("protocol", "legacy"))));
        McpSyncClient client = outer.client()) {
      assertThat(echo(client, "auto__fx__echo", "modern")).isEqualTo("echo: modern");
      assertThat(echo(client, "pinned__fx__echo", "legacy")).isEqualTo("echo: legacy");
      assertThat(outer.<String>onHub(h -> h.upstream("auto").protocolVersion())).isEqualTo("2026-07-28");
      assertThat(outer.<String>onHub(h -> h.upstream("pinned").protocolVersion())).isEqualTo("2025-11-25");
      assertThat(inner.<Integer>onHub(h -> h.sessions().size())).as("only the pinned upstream holds a session").isEqualTo(1);
    }
  }

  @Test
  void aRemoteThatGoesAwayFailsCallsAndIsReconnectedWhenItReturns() throws Exception {
    NodeServer everything = NodeServer.everything("streamableHttp", 0);
    int port = everything.port();
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject().put("remote",
            new JsonObject().put("url", everything.url("/mcp")))));
        McpSyncClient client = hub.client()) {
      assertThat(echo(client, "remote__echo", "before")).isEqualTo("Echo: before");
      everything.close();
      assertThatThrownBy(() -> echo(client, "remote__echo", "during"))
          .isInstanceOf(McpError.class).hasMessageContaining("remote");
      try (NodeServer again = NodeServer.everything("streamableHttp", port)) {
        Await.until(() -> hub.onHub(h -> h.upstream("remote").state()) == UpstreamState.CONNECTED);
        assertThat(echo(client, "remote__echo", "after")).isEqualTo("Echo: after");
      }
    }
  }

  private static String echo(McpSyncClient client, String tool, String message) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, Map.of("message", message, "text", message)));
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
