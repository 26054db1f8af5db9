package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/staging-smoke-tests.sh} against a live hub whose Gemini is a local fake in Gemini's wire format: all ten
 * checks pass while Gemini answers; with a rejected key the live-analysis check fails and says the heuristic fallback
 * answered, with Gemini's 401; with the hub down every check fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StagingSmokeTestsTest {

  private record Run(int exitCode, String output) {
  }

  private Vertx fakeVertx;
  private HttpServer fakeGemini;
  private final AtomicReference<Object[]> reply = new AtomicReference<>();

  @BeforeEach
  void startFakeGemini() throws Exception {
    fakeVertx = Vertx.vertx();
    fakeGemini = fakeVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Object[] next = reply.get();
      request.response().setStatusCode((Integer) next[0]).putHeader("Content-Type", "application/json").end((String) next[1]);
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopFakeGemini() throws Exception {
    fakeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void answerFilesystem() {
    String text = new JsonObject().put("categories", new JsonArray().add(new JsonObject().put("name", "filesystem")
        .put("confidence", 0.93))).put("reasoning", "the request lists files").encode();
    reply.set(new Object[] {200, new JsonObject().put("candidates", new JsonArray().add(new JsonObject()
        .put("content", new JsonObject().put("role", "model").put("parts", new JsonArray().add(new JsonObject().put("text", text))))
        .put("finishReason", "STOP"))).encode()});
  }

  @Test
  void allTenChecksPassAgainstALiveHubTheFallbackIsCalledOutAndEverythingFailsWhenTheHubIsDown(@TempDir Path dir)
      throws Exception {
    JsonObject llm = new JsonObject().put("enabled", true).put("provider", "gemini").put("apiKey", "${GEMINI_API_KEY}")
        .put("baseUrl", "http://127.0.0.1:" + fakeGemini.actualPort()).put("retryCount", 0)
        .put("fallbackToHeuristic", true).put("confidenceThreshold", 0.7);
    JsonObject config = new JsonObject().put("hub", new JsonObject().put("port", 0))
        .put("toolFiltering", new JsonObject().put("enabled", true).put("mode", "prompt-based").put("llmCategorization", llm)
            .put("promptBasedFiltering", new JsonObject().put("defaultExposure", "meta-only").put("sessionIsolation", true)))
        .put("mcpServers", new JsonObject().put("files", TestHub.fixture("files").put("category", "filesystem")));
    Path file = Files.writeString(dir.resolve("staging.json"), config.encodePrettily());
    String url;
    try (TestHub hub = TestHub.watching(file, name -> "GEMINI_API_KEY".equals(name) ? "dummy-key" : System.getenv(name))) {
      url = hub.baseUrl();
      answerFilesystem();
      Run passing = smoke(dir, url);
      assertThat(passing.output()).as(passing.output()).contains("10/10 passed")
          .contains("PASS the LLM provider answers a live analysis (not the fallback)")
          .contains("PASS a tool hidden from a session is answered \"hidden\"").doesNotContain("\u001b[");
      assertThat(passing.exitCode()).as(passing.output()).isZero();

      reply.set(new Object[] {401, new JsonObject().put("error", new JsonObject().put("code", 401)
          .put("message", "API key not valid. Please pass a valid API key.").put("status", "UNAUTHENTICATED")).encode()});
      Run fallback = smoke(dir, url);
      assertThat(fallback.exitCode()).as(fallback.output()).isNotZero();
      assertThat(fallback.output()).as(fallback.output())
          .contains("FAIL the LLM provider answers a live analysis (not the fallback)")
          .contains("answered by the heuristic fallback, not by gemini: last error (auth at ").contains("HTTP 401")
          .contains("PASS a new MCP session lists only the meta tools").doesNotContain("dummy-key");
    }
    Run down = smoke(dir, url);
    assertThat(down.exitCode()).isNotZero();
    assertThat(down.output()).contains("FAIL hub health is UP").contains("0/10 passed");
  }

  private static Run smoke(Path dir, String url) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of("bash", Path.of("../scripts/staging-smoke-tests.sh").toAbsolutePath().toString(),
        "--url", url)).redirectErrorStream(true);
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    Process process = builder.start();
    try {
      ProcessOutput output = ProcessOutput.drain(process.getInputStream(), "smoke-tests");
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the smoke tests finish: %s", output.text()).isTrue();
      return new Run(process.exitValue(), output.awaitEnd(10_000));
    } finally {
      ChildProcesses.stop(process);
    }
  }
}
