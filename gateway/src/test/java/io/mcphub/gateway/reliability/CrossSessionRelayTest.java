package io.mcphub.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two clients call a sampling tool concurrently through the hub; each client's sampling handler answers with its
 * own name, so a relay that reached the wrong client shows in the tool's result. A stdio server cannot say which
 * call its sampling request belongs to: through a shared instance the hub relays it only when one client has calls
 * in flight and refuses it otherwise; through per-client instances every relay is tied to its client.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrossSessionRelayTest {

  /** Calls each client has in flight at once: 2 × 100, as the campaign ran them. */
  private static final int CONCURRENT_CALLS = 100;

  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    hub = TestHub.start(TestHub.config(new JsonObject()
        .put("shared", TestHub.fixture("shared"))
        .put("own", TestHub.fixture("own").put("isolation", "per-client"))));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void perClientInstancesRelayEverySamplingRequestToItsCaller() {
    Outcome outcome = race("own__sample", Campaign.scaled(1));
    Campaign.record("sampling relays, 2 clients, per-client instances", outcome.tried(), outcome.failed(), outcome.misrouted());
    assertThat(outcome.misrouted()).isZero();
    assertThat(outcome.failed()).isZero();
    assertThat(outcome.instances()).as("per-client instances while both clients were connected").isEqualTo(2);
  }

  @Test
  void aSharedInstanceRefusesWhatItCannotTieAndNeverMisroutes() {
    Outcome outcome = race("shared__sample", Campaign.scaled(1));
    Campaign.record("sampling relays, 2 clients, shared instance (refused counted as failures)", outcome.tried(),
        outcome.failed(), outcome.misrouted());
    assertThat(outcome.misrouted()).isZero();
    assertThat(outcome.answered() + outcome.failed()).isEqualTo(outcome.tried());
  }

  @Test
  void logMessagesReachOnlyTheCallerOrClientsThatAskedForThatLevel() throws Exception {
    int perClient = CONCURRENT_CALLS;
    int rounds = Campaign.scaled(1);
    List<String> aliceLogs = new CopyOnWriteArrayList<>();
    List<String> bobLogs = new CopyOnWriteArrayList<>();
    McpAsyncClient alice = client("alice", aliceLogs);
    McpAsyncClient bob = client("bob", bobLogs);
    try {
      alice.setLoggingLevel(McpSchema.LoggingLevel.DEBUG).block(Duration.ofSeconds(10));
      for (int round = 0; round < rounds; round++) {
        Flux.merge(logs(alice, "alice", "shared__log", perClient), logs(bob, "bob", "shared__log", perClient),
            logs(alice, "alice", "own__log", perClient), logs(bob, "bob", "own__log", perClient))
            .blockLast(Duration.ofSeconds(100));
      }
      Thread.sleep(200);
    } finally {
      alice.closeGracefully().block(Duration.ofSeconds(10));
      bob.closeGracefully().block(Duration.ofSeconds(10));
    }
    long leakedToBob = bobLogs.stream().filter(text -> !text.startsWith("bob")).count();
    long leakedFromOwn = aliceLogs.stream().filter(text -> text.startsWith("bob own")).count()
        + bobLogs.stream().filter(text -> text.startsWith("alice own")).count();
    Campaign.record("log messages, 2 clients (one asked for none), shared + per-client", 4L * perClient * rounds, 0,
        leakedToBob + leakedFromOwn);
    assertThat(leakedToBob).as("logs of alice's calls that reached bob, who asked for no logs").isZero();
    assertThat(leakedFromOwn).as("logs of per-client instances that reached the other client").isZero();
    assertThat(aliceLogs).as("alice receives the logs of her own calls").anyMatch(text -> text.startsWith("alice own"));
  }

  private static Flux<Object> logs(McpAsyncClient client, String name, String tool, int count) {
    String kind = tool.startsWith("own") ? " own " : " shared ";
    return Flux.range(0, count).flatMap(i -> client.callTool(new McpSchema.CallToolRequest(tool,
        Map.of("level", "info", "message", name + kind + i))).map(result -> (Object) result), count);
  }

  /**
   * {@code rounds} times, each of two clients fires {@link #CONCURRENT_CALLS} concurrent calls of {@code tool}; counts
   * what came back to whom. (The campaign scales rounds, not concurrency, which the hub's connection cap bounds.)
   */
  private static Outcome race(String tool, int rounds) {
    int perClient = CONCURRENT_CALLS;
    McpAsyncClient alice = client("alice");
    McpAsyncClient bob = client("bob");
    try {
      AtomicInteger answered = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      AtomicInteger misrouted = new AtomicInteger();
      for (int round = 0; round < rounds; round++) {
        Flux.merge(calls(alice, "alice", tool, perClient, answered, failed, misrouted),
                calls(bob, "bob", tool, perClient, answered, failed, misrouted))
            .blockLast(Duration.ofSeconds(100));
      }
      int instances = hub.onHub(h -> h.clientInstances(tool.substring(0, tool.indexOf("__"))));
      return new Outcome(2L * perClient * rounds, answered.get(), failed.get(), misrouted.get(), instances);
    } finally {
      alice.closeGracefully().block(Duration.ofSeconds(10));
      bob.closeGracefully().block(Duration.ofSeconds(10));
    }
  }

  private static Flux<Object> calls(McpAsyncClient client, String name, String tool, int count, AtomicInteger answered,
      AtomicInteger failed, AtomicInteger misrouted) {
    return Flux.range(0, count).flatMap(i -> client
        .callTool(new McpSchema.CallToolRequest(tool, Map.of("prompt", name + "-" + i, "delayMs", i % 7)))
        .map(result -> {
          String text = ((McpSchema.TextContent) result.content().get(0)).text();
          if (Boolean.TRUE.equals(result.isError())) {
            failed.incrementAndGet();
          } else if (text.equals("sampled: " + name + " answers " + name + "-" + i)) {
            answered.incrementAndGet();
          } else {
            misrouted.incrementAndGet();
          }
          return (Object) text;
        })
        .onErrorResume(error -> {
          failed.incrementAndGet();
          return Mono.just(error);
        }), count);
  }

  private static McpAsyncClient client(String name) {
    return client(name, new CopyOnWriteArrayList<>());
  }

  private static McpAsyncClient client(String name, List<String> logs) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(hub.baseUrl()).endpoint("/mcp").build();
    McpAsyncClient client = McpClient.async(transport).requestTimeout(Duration.ofSeconds(60))
        .clientInfo(new McpSchema.Implementation(name, "1.0"))
        .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
        .sampling(request -> Mono.delay(Duration.ofMillis(1)).map(t -> McpSchema.CreateMessageResult.builder()
            .role(McpSchema.Role.ASSISTANT).model("fake")
            .content(new McpSchema.TextContent(name + " answers "
                + ((McpSchema.TextContent) request.messages().get(0).content()).text()))
            .build()))
        .loggingConsumer(log -> Mono.fromRunnable(() -> logs.add(String.valueOf(log.data()))))
        .build();
    client.initialize().block(Duration.ofSeconds(30));
    return client;
  }

  private record Outcome(long tried, int answered, int failed, int misrouted, int instances) {
  }
}
