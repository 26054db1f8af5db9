package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A provider that fails is visible: with a rejected Gemini key (a local fake answering 401 like Gemini does)
 * {@code /health} says DEGRADED with the 401 and its time, the open circuit is reported beside it without hiding it,
 * one WARN line is logged per change (failing, circuit open, recovered) however many calls fail, and {@code /metrics}
 * counts the failures by class; once the key works again the hub is UP and the provider answers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CategorizerHealthTest {

  private static final String UNAUTHENTICATED = new JsonObject().put("error", new JsonObject().put("code", 401)
      .put("message", "API key not valid. Please pass a valid API key.").put("status", "UNAUTHENTICATED")).encode();

  private Vertx fakeVertx;
  private HttpServer fake;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicReference<Object[]> reply = new AtomicReference<>();
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private final Logger log = (Logger) LoggerFactory.getLogger(CategorizerHealth.class);

  @BeforeEach
  void start() throws Exception {
    fakeVertx = Vertx.vertx();
    fake = fakeVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Object[] next = reply.get();
      request.response().setStatusCode((Integer) next[0]).putHeader("Content-Type", "application/json").end((String) next[1]);
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    warnings.start();
    log.addAppender(warnings);
  }

  @AfterEach
  void stop() throws Exception {
    log.detachAppender(warnings);
    fakeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void answerMemory() {
    String text = new JsonObject().put("categories", new JsonArray().add(new JsonObject().put("name", "memory")
        .put("confidence", 0.93))).put("reasoning", "decided by the fake").encode();
    reply.set(new Object[] {200, new JsonObject().put("candidates", new JsonArray().add(new JsonObject()
        .put("content", new JsonObject().put("role", "model").put("parts", new JsonArray().add(new JsonObject().put("text", text))))
        .put("finishReason", "STOP"))).encode()});
  }

  private JsonObject config() {
    JsonObject llm = new JsonObject().put("enabled", true).put("provider", "gemini").put("model", "gemini-2.5-flash")
        .put("baseUrl", "http://127.0.0.1:" + fake.actualPort()).put("apiKey", "k-wrong").put("retryCount", 0)
        .put("circuitBreaker", new JsonObject().put("failures", 3).put("resetMs", 1_000))
        .put("fallbackToHeuristic", true).put("confidenceThreshold", 0.7);
    return TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "memory")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based").put("llmCategorization", llm));
  }

  @SuppressWarnings("unchecked")
  private static String source(McpSyncClient client, String prompt) {
    return (String) ((Map<String, Object>) client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
        Map.of("prompt", prompt))).structuredContent()).get("source");
  }

  /** A GET as a probe or a Prometheus scraper sends it: HTTP/1.1, a timeout. */
  private static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private List<String> changes() {
    return warnings.list.stream().filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static JsonObject gemini(JsonObject health) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> "categorizer:gemini".equals(check.getString("id"))).findFirst().orElseThrow().getJsonObject("data");
  }

  @Test
  void aRejectedKeyDegradesHealthWithItsCauseLogsOneWarningPerChangeAndIsCounted() throws Exception {
    reply.set(new Object[] {401, UNAUTHENTICATED});
    try (TestHub hub = TestHub.start(config()); McpSyncClient client = hub.client()) {
      String health = hub.baseUrl() + "/health";
      assertThat(get(health).statusCode()).isEqualTo(200);
      Instant before = Instant.now();
      for (int i = 0; i < 8; i++) {
        assertThat(source(client, "Remember that my cat is called Tom, take " + i)).isEqualTo("heuristic");
      }
      Await.until(() -> changes().size() == 2);
      assertThat(changes().get(0)).startsWith("categorizer 'gemini' is failing: auth at ").contains("HTTP 401")
          .contains("API key not valid").doesNotContain("k-wrong");
      assertThat(changes().get(1)).startsWith("categorizer 'gemini' circuit open after ").contains("HTTP 401");

      HttpResponse<String> degraded = get(health);
      assertThat(degraded.statusCode()).as("the hub still serves: the heuristic answers").isEqualTo(200);
      JsonObject body = new JsonObject(degraded.body());
      assertThat(body.getString("status")).isEqualTo("DEGRADED");
      assertThat(body.getJsonArray("degraded")).containsExactly("categorizer:gemini");
      JsonObject data = gemini(body);
      assertThat(data.getString("health")).isEqualTo("circuit_open");
      assertThat(data.getString("circuit")).isIn("OPEN", "HALF_OPEN");
      assertThat(data.getString("lastError")).as("the cause, not the circuit").contains("HTTP 401");
      assertThat(data.getString("lastErrorClass")).isEqualTo("auth");
      assertThat(Instant.parse(data.getString("lastErrorAt"))).isAfterOrEqualTo(before.minusSeconds(1));
      assertThat(data.getString("answeredBy")).isEqualTo("heuristic");
      assertThat(degraded.body()).doesNotContain("k-wrong");

      String metrics = get(hub.baseUrl() + "/metrics").body();
      assertThat(metrics).containsPattern("mcp_hub_categorizer_provider_failures_total\\{categorizer=\"gemini\",reason=\"auth\"} [3-8]\\.0")
          .containsPattern("mcp_hub_categorizer_provider_failures_total\\{categorizer=\"gemini\",reason=\"circuit_open\"} [1-5]\\.0")
          .contains("mcp_hub_categorizer_health{categorizer=\"gemini\"} 2.0")
          .containsPattern("mcp_hub_categorizer_circuit_state\\{categorizer=\"gemini\"} [12]\\.0");

      answerMemory();
      Await.until(() -> "gemini".equals(source(client, "Remember that my dog is called Rex")));
      Await.until(() -> changes().size() == 3);
      assertThat(changes().get(2)).startsWith("categorizer 'gemini' recovered (was circuit_open)").contains("HTTP 401");
      HttpResponse<String> up = get(health);
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(up.body()).getString("status")).isEqualTo("UP");
      assertThat(gemini(new JsonObject(up.body())).getString("health")).isEqualTo("healthy");
      assertThat(get(hub.baseUrl() + "/metrics").body())
          .contains("mcp_hub_categorizer_health{categorizer=\"gemini\"} 0.0")
          .contains("mcp_hub_categorizer_circuit_state{categorizer=\"gemini\"} 0.0");
      assertThat(changes()).as("one line per change, not per call").hasSize(3);
    }
  }

  @Test
  void withoutFallbackAFailingProviderTakesTheHubDown() throws Exception {
    reply.set(new Object[] {401, UNAUTHENTICATED});
    JsonObject config = config();
    config.getJsonObject("toolFiltering").getJsonObject("llmCategorization").put("fallbackToHeuristic", false);
    try (TestHub hub = TestHub.start(config); McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult failed = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "Remember that my cat is called Tom")));
      assertThat(failed.isError()).isTrue();
      String health = hub.baseUrl() + "/health";
      Await.until(() -> get(health).statusCode() == 503);
      JsonObject data = gemini(new JsonObject(get(health).body()));
      assertThat(data.getString("health")).isEqualTo("failing");
      assertThat(data.getString("lastError")).contains("HTTP 401");
    }
  }
}
