package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.NodeServer;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.Results;
import io.mcphub.gateway.support.SwitchingProxy;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hubs from the shaded jar ({@code java -jar}, {@code --cluster}) form one cluster on loopback; a balancer the test
 * steers ({@link SwitchingProxy}) sends one MCP client's requests to whichever node the test names. The session opened
 * on node A is served by B and C (tools/list, an analysis, a call with the analysis' exposureId minted on another node),
 * a notification raised on C reaches the client's stream on A, the client's answer to C's sampling request is taken by
 * B and reaches C, a view minted on B is served on C, and after A is killed (SIGKILL) the session goes on at B:
 * the call that was in flight on A fails instead of hanging, and nothing the session had is lost.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterIT {

  private static final Path JAR = Path.of(System.getProperty("mcp-hub.jar", "target/mcp-hub.jar")).toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/mcp");
  private static final int NODES = 3;
  private static final int A = 0;
  private static final int B = 1;
  private static final int C = 2;

  @Test
  void aSessionOpenedOnOneNodeIsServedByTheOthersAndOutlivesItsNode(@TempDir Path dir) throws Exception {
    List<Integer> httpPorts = NodeServer.freePorts(NODES);
    List<Integer> clusterPorts = NodeServer.freePorts(NODES);
    List<Process> hubs = new ArrayList<>();
    List<ProcessHandle> trees = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      for (int node = 0; node < NODES; node++) {
        hubs.add(startHub(dir, node, httpPorts, clusterPorts));
      }
      for (int node = 0; node < NODES; node++) {
        awaitMembers(httpPorts.get(node), NODES);
      }
      List<McpSchema.ListToolsResult> changes = new CopyOnWriteArrayList<>();
      try (SwitchingProxy proxy = SwitchingProxy.start(vertx, httpPorts)) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(proxy.url("")).endpoint("/mcp").build())
            .requestTimeout(Duration.ofSeconds(30))
            .toolsChangeConsumer(tools -> changes.add(new McpSchema.ListToolsResult(tools, null)))
            .sampling(request -> McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
                .content(new McpSchema.TextContent("model says " + ((McpSchema.TextContent) request.messages().get(0).content()).text()))
                .model("test-model").build())
            .build();
        proxy.target(A);
        client.initialize();
        Await.until(() -> proxy.openGetStreams() == 1);

        proxy.target(B);
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("hub__analyze_prompt", "fx__echo");

        proxy.target(C);
        McpSchema.CallToolResult analysis = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
            Map.of("prompt", "echo the words hello cluster back to me")));
        assertThat(analysis.isError()).isNotEqualTo(Boolean.TRUE);
        String exposureId = String.valueOf(((Map<?, ?>) analysis.structuredContent()).get("exposureId"));

        proxy.target(B);
        McpSchema.CallToolResult echoed = client.callTool(new McpSchema.CallToolRequest("hub__call_tool",
            Map.of("name", "fx__echo", "arguments", Map.of("text", "across nodes"), "exposureId", exposureId)));
        assertThat(Results.text(echoed)).isEqualTo("echo: across nodes");

        // C's own upstream announces a new tool: the notification crosses the event bus to the stream held by A
        proxy.target(C);
        client.callTool(new McpSchema.CallToolRequest("fx__add_tool", Map.of("name", "late_arrival")));
        Await.until(() -> proxy.streamed().stream()
            .anyMatch(chunk -> chunk.node() == A && chunk.text().contains("notifications/tools/list_changed")));

        // C's upstream asks the client to sample after a pause, while the balancer has moved on: the answer reaches B,
        // which offers it to the node whose request it answers
        CompletableFuture<McpSchema.CallToolResult> sampled = CompletableFuture.supplyAsync(
            () -> client.callTool(new McpSchema.CallToolRequest("fx__sample", Map.of("prompt", "ping", "delayMs", 2_000))));
        Await.until(() -> proxy.pendingPosts(C) == 1 || sampled.isDone());
        proxy.target(B);
        Await.until(sampled::isDone);
        assertThat(Results.text(sampled.join())).isEqualTo("sampled: model says ping");

        // a view minted on B serves its own MCP endpoint on C at once
        HttpResponse<String> view = new RawMcp("http://127.0.0.1:" + httpPorts.get(B) + "/api/views")
            .post(new JsonObject().put("tools", new JsonArray().add("fx__echo")).encode(), RawMcp.headers(null));
        assertThat(view.statusCode()).isEqualTo(201);
        RawMcp viewOnC = new RawMcp("http://127.0.0.1:" + httpPorts.get(C) + "/mcp/views/"
            + new JsonObject(view.body()).getString("exposureId"));
        JsonArray viewTools = viewOnC.call(viewOnC.initialize("2025-11-25"), "tools/list", null)
            .getJsonObject("result").getJsonArray("tools");
        assertThat(viewTools.stream().map(tool -> ((JsonObject) tool).getString("name")).filter(name -> name.startsWith("fx__"))
            .toList()).as("the view's tools, not every tool").containsExactly("fx__echo");

        proxy.target(A);
        CompletableFuture<McpSchema.CallToolResult> inFlight = CompletableFuture.supplyAsync(
            () -> client.callTool(new McpSchema.CallToolRequest("fx__sleep", Map.of("ms", 60_000))));
        Await.until(() -> proxy.pendingPosts(A) == 1 || inFlight.isDone());
        proxy.target(B);
        trees.addAll(hubs.get(A).toHandle().descendants().toList());
        hubs.get(A).toHandle().destroyForcibly();
        Await.until(inFlight::isDone);
        assertThat(inFlight).isCompletedExceptionally();

        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("hub__analyze_prompt");
        McpSchema.CallToolResult afterLoss = client.callTool(new McpSchema.CallToolRequest("hub__call_tool",
            Map.of("name", "fx__echo", "arguments", Map.of("text", "after the loss"), "exposureId", exposureId)));
        assertThat(Results.text(afterLoss)).isEqualTo("echo: after the loss");
        awaitMembers(httpPorts.get(B), NODES - 1);
        client.closeGracefully();
      }
    } finally {
      hubs.forEach(ChildProcesses::stop);
      trees.forEach(ChildProcesses::stop);
      TestHub.await(vertx.close());
    }
  }

  private static Process startHub(Path dir, int node, List<Integer> httpPorts, List<Integer> clusterPorts)
      throws IOException, InterruptedException {
    JsonArray members = new JsonArray();
    clusterPorts.forEach(port -> members.add("127.0.0.1:" + port));
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based")
            .put("promptBasedFiltering", new JsonObject().put("defaultExposure", "all")))
        .put("cluster", new JsonObject().put("host", "127.0.0.1").put("port", clusterPorts.get(node)).put("members", members));
    Path file = Files.writeString(dir.resolve("hub-" + node + ".json"), config.encode());
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", JAR.toString(), "--config", file.toString(), "--port", String.valueOf(httpPorts.get(node)),
        "--cluster", "--no-watch")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state-" + node).toString());
    Process hub = builder.start();
    ProcessOutput.drain(hub.getErrorStream(), "cluster-" + node).await(LISTENING, 90_000);
    return hub;
  }

  /** Waits until the node's {@code /health} shows {@code count} cluster members. */
  private static void awaitMembers(int port, int count) throws InterruptedException {
    RawMcp health = new RawMcp("http://127.0.0.1:" + port + "/health");
    Await.until(() -> memberCount(health.request("GET", Map.of())) == count);
  }

  private static int memberCount(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return -1;
    }
    for (Object check : new JsonObject(response.body()).getJsonArray("checks", new JsonArray())) {
      JsonObject json = (JsonObject) check;
      if ("cluster".equals(json.getString("id"))) {
        return json.getJsonObject("data").getInteger("memberCount");
      }
    }
    return -1;
  }


}
