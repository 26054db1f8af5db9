package io.mcphub.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.OtlpReceiver;
import io.mcphub.gateway.support.OtlpReceiver.ReceivedSpan;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OpenTelemetry traces end to end: the hub exports to an OTLP/HTTP receiver on loopback, a client sends W3C trace context
 * in {@code params._meta}, and an HTTP upstream (scripted on loopback) shows what reached it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TracingTest {

  private static final String PROMPT = "Remember that I like oolong tea, secret-prompt-marker";
  private static final String ARGUMENT = "secret-argument-marker";

  private final OtlpReceiver receiver = OtlpReceiver.start();
  private final Vertx upstreamVertx = Vertx.vertx();
  /** The {@code traceparent} header and {@code _meta.traceparent} of the last tools/call the HTTP upstream received. */
  private final AtomicReference<String> upstreamHeader = new AtomicReference<>();
  private final AtomicReference<String> upstreamMeta = new AtomicReference<>();

  @AfterEach
  void stop() {
    receiver.close();
    TestHub.await(upstreamVertx.close());
  }

  @Test
  void anAnalysisAndAnUpstreamCallAreExportedAsSpanTreesUnderTheClientsTrace() throws Exception {
    String analyzeTrace = randomHex(16);
    String callTrace = randomHex(16);
    String clientSpan = randomHex(8);
    JsonObject config = tracedConfig(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "memory")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
    try (TestHub hub = TestHub.start(config)) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      JsonObject analyzed = jsonCall(raw, session, withTraceparent(new JsonObject().put("name", "hub__analyze_prompt")
          .put("arguments", new JsonObject().put("prompt", PROMPT)), analyzeTrace, clientSpan));
      assertThat(analyzed.getJsonObject("result").getBoolean("isError", false)).isFalse();
      JsonObject echoed = jsonCall(raw, session, withTraceparent(new JsonObject().put("name", "fx__echo")
          .put("arguments", new JsonObject().put("text", ARGUMENT)), callTrace, clientSpan));
      assertThat(echoed.getJsonObject("result").encode()).contains(ARGUMENT);

      Await.until(() -> find("categorize heuristic").isPresent() && find("tools/call echo").isPresent());
      ReceivedSpan request = find("tools/call hub__analyze_prompt").orElseThrow();
      assertThat(request.traceId()).isEqualTo(analyzeTrace);
      assertThat(request.parentSpanId()).isEqualTo(clientSpan);
      assertThat(request.kind()).isEqualTo(ReceivedSpan.KIND_SERVER);
      assertThat(request.attributes()).containsEntry("mcp.method.name", "tools/call")
          .containsEntry("gen_ai.tool.name", "hub__analyze_prompt").containsEntry("gen_ai.operation.name", "execute_tool")
          .containsKey("mcp.session.id").containsKey("jsonrpc.request.id");
      assertThat(request.attributes().get("mcp.session.id")).isNotBlank().isNotEqualTo(session);
      assertThat(request.resource()).containsEntry("service.name", "hub-under-test");

      ReceivedSpan analysis = find("hub.analyze_prompt").orElseThrow();
      assertThat(analysis.traceId()).isEqualTo(analyzeTrace);
      assertThat(analysis.parentSpanId()).isEqualTo(request.spanId());
      assertThat(analysis.attributes()).containsEntry("mcp_hub.analysis.source", "heuristic")
          .containsEntry("mcp_hub.analysis.categories", "memory");
      ReceivedSpan categorizer = find("categorize heuristic").orElseThrow();
      assertThat(categorizer.parentSpanId()).isEqualTo(analysis.spanId());
      assertThat(categorizer.kind()).isEqualTo(ReceivedSpan.KIND_CLIENT);

      ReceivedSpan call = find("tools/call fx__echo").orElseThrow();
      assertThat(call.traceId()).isEqualTo(callTrace);
      assertThat(call.parentSpanId()).isEqualTo(clientSpan);
      ReceivedSpan upstream = find("tools/call echo").orElseThrow();
      assertThat(upstream.parentSpanId()).isEqualTo(call.spanId());
      assertThat(upstream.kind()).isEqualTo(ReceivedSpan.KIND_CLIENT);
      assertThat(upstream.attributes()).containsEntry("mcp_hub.server.name", "fx").containsEntry("network.transport", "pipe")
          .containsEntry("gen_ai.tool.name", "echo").containsEntry("mcp.method.name", "tools/call");

      assertThat(find("initialize").orElseThrow().parentSpanId()).as("no client trace context: a root span").isEmpty();
      for (ReceivedSpan span : receiver.spans()) {
        assertThat(span.attributes().values()).as(span.name())
            .noneMatch(value -> value.contains("secret-prompt-marker") || value.contains("oolong") || value.contains(ARGUMENT));
      }
    }
  }

  @Test
  void anHttpUpstreamReceivesTheUpstreamSpansTraceparentAsHeaderAndInMeta() throws Exception {
    String trace = randomHex(16);
    try (TestHub hub = TestHub.start(tracedConfig(new JsonObject().put("remote", remote(startUpstream()))))) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      raw.call(session, "tools/call", withTraceparent(new JsonObject().put("name", "remote__probe"), trace, randomHex(8)));

      Await.until(() -> find("tools/call probe").isPresent());
      ReceivedSpan upstream = find("tools/call probe").orElseThrow();
      assertThat(upstream.attributes()).containsEntry("network.transport", "tcp").containsEntry("network.protocol.name", "http")
          .containsEntry("mcp_hub.server.name", "remote");
      String expected = "00-" + trace + "-" + upstream.spanId() + "-01";
      assertThat(upstreamHeader.get()).isEqualTo(expected);
      assertThat(upstreamMeta.get()).isEqualTo(expected);
    }
  }

  @Test
  void withTracingOffNothingIsExportedAndTheClientsTraceContextPassesUntouched() throws Exception {
    String clientTraceparent = "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    JsonObject config = tracedConfig(new JsonObject().put("remote", remote(startUpstream())));
    config.getJsonObject("telemetry").getJsonObject("tracing").put("enabled", false);
    try (TestHub hub = TestHub.start(config)) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      String session = raw.initialize("2025-11-25");
      JsonObject params = new JsonObject().put("name", "remote__probe")
          .put("_meta", new JsonObject().put("traceparent", clientTraceparent));
      raw.call(session, "tools/call", params);
      assertThat(upstreamMeta.get()).as("no span of the hub's in between").isEqualTo(clientTraceparent);
    }
    // stopping the hub would flush any span it had recorded
    assertThat(receiver.posts()).isZero();
    assertThat(receiver.spans()).isEmpty();
  }

  private JsonObject tracedConfig(JsonObject servers) {
    return TestHub.config(servers)
        .put("telemetry", new JsonObject().put("tracing", new JsonObject().put("enabled", true).put("endpoint", receiver.url())
            .put("serviceName", "hub-under-test").put("exportDelayMs", 50)));
  }

  /** A tools/call answered as JSON: what the hub sends meanwhile (list changes) goes to the session's GET stream. */
  private static JsonObject jsonCall(RawMcp raw, String session, JsonObject params) {
    Map<String, String> headers = RawMcp.headers(session);
    headers.put("Accept", "application/json");
    String body = raw.post(new JsonObject().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/call").put("params", params)
        .encode(), headers).body();
    return new JsonObject(body);
  }

  private static JsonObject withTraceparent(JsonObject params, String traceId, String parentSpanId) {
    return params.put("_meta", new JsonObject().put("traceparent", "00-" + traceId + "-" + parentSpanId + "-01"));
  }

  private Optional<ReceivedSpan> find(String name) {
    List<ReceivedSpan> spans = receiver.spans();
    return spans.stream().filter(span -> span.name().equals(name)).findFirst();
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    random[0] |= 1;
    return HexFormat.of().formatHex(random);
  }

  private static JsonObject remote(int port) {
    return new JsonObject().put("url", "http://127.0.0.1:" + port + "/mcp");
  }

  /** A Streamable HTTP upstream with one tool, {@code probe}, that records the trace context of each call. */
  private int startUpstream() {
    return TestHub.await(upstreamVertx.createHttpServer().requestHandler(request -> {
      if (!"POST".equals(request.method().name())) {
        request.response().setStatusCode(405).end();
        return;
      }
      request.body().onSuccess(body -> answer(request, body.toJsonObject()));
    }).listen(0, "127.0.0.1")).actualPort();
  }

  private void answer(HttpServerRequest request, JsonObject message) {
    Object id = message.getValue("id");
    if (id == null) {
      request.response().setStatusCode(202).end();
      return;
    }
    JsonObject result = switch (message.getString("method")) {
      case "initialize" -> new JsonObject().put("protocolVersion", "2025-11-25")
          .put("capabilities", new JsonObject().put("tools", new JsonObject()))
          .put("serverInfo", new JsonObject().put("name", "probe").put("version", "1"));
      case "tools/list" -> new JsonObject().put("tools", new JsonArray().add(new JsonObject().put("name", "probe")
          .put("description", "records trace context").put("inputSchema", new JsonObject().put("type", "object"))));
      case "tools/call" -> {
        JsonObject meta = message.getJsonObject("params").getJsonObject("_meta", new JsonObject());
        upstreamHeader.set(request.getHeader("traceparent"));
        upstreamMeta.set(meta.getString("traceparent"));
        yield new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", "ok")));
      }
      default -> new JsonObject();
    };
    request.response().putHeader("Content-Type", "application/json").putHeader("Mcp-Session-Id", "s-1")
        .end(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode());
  }

}
