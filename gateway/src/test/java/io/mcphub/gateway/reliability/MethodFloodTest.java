package io.mcphub.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9: every new HTTP method name added permanent metric series, even on 401. Thousands of requests with random
 * HTTP methods, JSON-RPC method names and paths, with and without a token, must add no series to {@code /metrics}
 * and leave the heap flat.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MethodFloodTest {

  private static final String TOKEN = "flood-token-0123456789";
  private static final long HEAP_GROWTH_ALLOWED = 8L * 1024 * 1024;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void randomMethodsAndPathsAddNoMetricSeries() throws Exception {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx"))).put("hub", new JsonObject()
        .put("auth", new JsonObject().put("tokens", new JsonArray().add(TOKEN))));
    try (TestHub hub = TestHub.start(config)) {
      String session = initialize(hub);
      int failures = flood(hub, session, new Random(1), 300);
      series(hub);
      java.util.Set<String> seriesBefore = series(hub);
      long heapBefore = Heap.usedAfterGc();
      int tried = Campaign.scaled(5_000);
      failures += flood(hub, session, new Random(2), tried);
      long heapAfter = Heap.usedAfterGc();
      java.util.Set<String> added = new java.util.TreeSet<>(series(hub));
      added.removeAll(seriesBefore);
      Campaign.record("random HTTP/JSON-RPC methods and paths, with and without auth (lost = new metric series)",
          tried, failures, added.size());
      assertThat(failures).as("requests answered 5xx or not at all").isZero();
      assertThat(added).as("metric series added by %d random requests", tried).isEmpty();
      assertThat(heapAfter - heapBefore).as("heap growth (%d -> %d MiB)", Heap.mib(heapBefore), Heap.mib(heapAfter))
          .isLessThan(HEAP_GROWTH_ALLOWED);
    }
  }

  private String initialize(TestHub hub) {
    Map<String, String> headers = RawMcp.headers(null);
    headers.put("Authorization", "Bearer " + TOKEN);
    HttpResponse<String> response = new RawMcp(hub.mcpUrl()).post(RawMcp.initializeBody("2025-11-25"), headers);
    return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  /** Sends {@code count} random requests; returns how many got a 5xx or no answer. */
  private int flood(TestHub hub, String session, Random random, int count) throws InterruptedException {
    int failures = 0;
    for (int i = 0; i < count; i++) {
      boolean auth = random.nextBoolean();
      HttpRequest.Builder request = switch (random.nextInt(3)) {
        case 0 -> HttpRequest.newBuilder(URI.create(hub.mcpUrl())).method(word(random).toUpperCase(), HttpRequest.BodyPublishers.noBody());
        case 1 -> HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/" + word(random) + "/" + word(random))).GET();
        default -> HttpRequest.newBuilder(URI.create(hub.mcpUrl())).POST(HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("jsonrpc", "2.0").put("id", i).put("method", word(random) + "/" + word(random)).encode()));
      };
      RawMcp.headers(session).forEach(request::header);
      if (auth) {
        request.header("Authorization", "Bearer " + TOKEN);
      }
      try {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        failures += response.statusCode() >= 500 ? 1 : 0;
      } catch (java.io.IOException e) {
        failures++;
      }
    }
    return failures;
  }

  private static String word(Random random) {
    StringBuilder word = new StringBuilder();
    for (int i = 0, length = 3 + random.nextInt(8); i < length; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  /** The series {@code /metrics} shows now (name and tags, without the value). */
  private java.util.Set<String> series(TestHub hub) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/metrics")).GET().build();
    try {
      String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return body.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
          .map(line -> line.substring(0, line.lastIndexOf(' '))).collect(java.util.stream.Collectors.toSet());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
