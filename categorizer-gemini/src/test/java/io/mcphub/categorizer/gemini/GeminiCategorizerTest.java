package io.mcphub.categorizer.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.mcphub.categorizer.llm.ScriptedServer;
import static io.mcphub.categorizer.llm.Answers.await;
import static io.mcphub.categorizer.llm.Answers.failure;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Gemini categorizer against a local fake of the API: every answer Gemini can give, and the exact request. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GeminiCategorizerTest {

  static final String KEY = "test-key-0123456789";
  static final List<CategoryDefinition> CATEGORIES = List.of(
      new CategoryDefinition("filesystem", "reading and writing local files"),
      new CategoryDefinition("web", "fetching web pages"),
      new CategoryDefinition("memory", "the assistant's knowledge graph"));

  private Vertx vertx;
  private ScriptedServer fake;

  @BeforeEach
  void startFake(Vertx vertx) throws Exception {
    this.vertx = vertx;
    fake = FakeGemini.server().start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private GeminiCategorizer categorizer(JsonObject extra) {
    JsonObject config = new JsonObject().put("apiKey", KEY).put("baseUrl", fake.baseUrl()).put("timeoutMs", 2_000).mergeIn(extra);
    return (GeminiCategorizer) new GeminiCategorizerFactory().create(vertx, config);
  }

  private static CategorizationRequest request(String prompt) {
    return new CategorizationRequest(prompt, "", CATEGORIES, "s1");
  }



  @Test
  void sendsTheKeyOnlyInTheHeaderWithTheSchemaAndInstructionAndReadsTheScores() throws Exception {
    fake.reply(FakeGemini.scores("filesystem", "0.93", "web", "0.1"));
    Categorization answer = await(categorizer(new JsonObject()).categorize(request("Read notes.txt")));
    assertThat(answer.categorizer()).isEqualTo("gemini");
    assertThat(answer.model()).isEqualTo("gemini-2.5-flash");
    assertThat(answer.scores()).containsExactly(new CategoryScore("filesystem", 0.93), new CategoryScore("web", 0.1));
    assertThat(answer.reasoning()).isEqualTo("the request reads files");

    ScriptedServer.Request sent = fake.requests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.uri()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent").doesNotContain(KEY);
    assertThat(sent.headers()).containsEntry("x-goog-api-key", KEY).containsEntry("content-type", "application/json");
    JsonObject generation = sent.body().getJsonObject("generationConfig");
    assertThat(generation.getInteger("temperature")).isZero();
    assertThat(generation.getString("responseMimeType")).isEqualTo("application/json");
    assertThat(generation.getJsonObject("responseSchema").getJsonObject("properties").getJsonObject("categories")
        .getJsonObject("items").getJsonObject("properties").getJsonObject("name").getJsonArray("enum").getList())
        .containsExactly("filesystem", "web", "memory");
    assertThat(generation.getInteger("maxOutputTokens")).isGreaterThanOrEqualTo(1024);
    String instruction = sent.body().getJsonObject("systemInstruction").getJsonArray("parts").getJsonObject(0).getString("text");
    assertThat(instruction).contains("- filesystem: reading and writing local files").contains("- memory: the assistant's knowledge graph");
    assertThat(sent.body().getJsonArray("contents").getJsonObject(0).getJsonArray("parts").getJsonObject(0).getString("text"))
        .isEqualTo("Read notes.txt");
  }

  @Test
  void scoresAroundTheThresholdAreKeptCategoriesOutsideTheListDroppedAndConfidencesClamped() throws Exception {
    fake.reply(FakeGemini.scores("filesystem", "0.7", "web", "0.69", "memory", "1.4", "root", "0.99", "filesystem2", "0.8"));
    Categorization answer = await(categorizer(new JsonObject()).categorize(request("x")));
    assertThat(answer.scores()).containsExactly(new CategoryScore("filesystem", 0.7), new CategoryScore("web", 0.69),
        new CategoryScore("memory", 1.0));
  }

  @Test
  void aKeyOrTokenThatGeminiEchoesInItsErrorIsRedactedFromTheReasonAndTheStatus() {
    fake.reply(FakeGemini.error(400, "INVALID_ARGUMENT", "API key " + KEY + " rejected (x-goog-api-key: " + KEY
        + ", Authorization: Bearer ya29.secret-token, url ?key=AIzaSyA0123456789abcdefghijklmnopqrstu)"));
    GeminiCategorizer gemini = categorizer(new JsonObject());
    CategorizerException error = failure(gemini.categorize(request("x")));
    assertThat(error.getMessage()).startsWith("Gemini answered HTTP 400: INVALID_ARGUMENT API key [REDACTED] rejected")
        .doesNotContain(KEY).doesNotContain("ya29.secret-token").doesNotContain("AIzaSyA0123456789");
    assertThat(gemini.status().encode()).doesNotContain(KEY).doesNotContain("ya29.secret-token").contains("[REDACTED]");
  }

  @Test
  void anInvalidKeyIsAFailureWithGeminisMessageAndNeverTheKey() {
    fake.reply(FakeGemini.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."));
    CategorizerException error = failure(categorizer(new JsonObject()).categorize(request("x")));
    assertThat(error.code()).isEqualTo(CategorizerFailures.UNAVAILABLE);
    assertThat(error.getMessage()).isEqualTo("Gemini answered HTTP 400: INVALID_ARGUMENT API key not valid. Please pass a valid API key.")
        .doesNotContain(KEY);
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void aRateLimitIsRetriedAndThenSucceeds() throws Exception {
    fake.reply(FakeGemini.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded"), FakeGemini.scores("web", "0.9"));
    Categorization answer = await(categorizer(new JsonObject()).categorize(request("open https://example.org")));
    assertThat(answer.scores()).containsExactly(new CategoryScore("web", 0.9));
    assertThat(fake.requests()).hasSize(2);
  }

  @Test
  void serverErrorsAreRetriedRetryCountTimesThenFail() {
    fake.reply(FakeGemini.error(500, "INTERNAL", "An internal error has occurred."));
    CategorizerException error = failure(categorizer(new JsonObject().put("retryCount", 2)).categorize(request("x")));
    assertThat(error.code()).isEqualTo(CategorizerFailures.UNAVAILABLE);
    assertThat(error.getMessage()).contains("HTTP 500").contains("internal error");
    assertThat(fake.requests()).hasSize(3);
  }

  @Test
  void aSlowApiTimesOutWithinTheBudget() {
    fake.reply(FakeGemini.scores("web", "0.9").delayed(3_000));
    long start = System.nanoTime();
    CategorizerException error = failure(categorizer(new JsonObject().put("timeoutMs", 400)).categorize(request("x")));
    assertThat(error.code()).isEqualTo(CategorizerFailures.TIMEOUT);
    assertThat(error.getMessage()).isEqualTo("Gemini did not answer within 400 ms");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500);
  }

  @Test
  void malformedBlockedAndCutOffAnswersAreFailuresWithReasons() {
    GeminiCategorizer gemini = categorizer(new JsonObject().put("cacheSize", 0));
    fake.reply(FakeGemini.answer("Sure! The categories are filesystem and web."));
    assertThat(failure(gemini.categorize(request("a")))).hasMessage("Gemini's answer was not the JSON asked for")
        .satisfies(e -> assertThat(((CategorizerException) e).code()).isEqualTo(CategorizerFailures.INTERNAL));
    fake.reply(ScriptedServer.Reply.json(200, "{\"promptFeedback\": {\"blockReason\": \"SAFETY\"}}"));
    assertThat(failure(gemini.categorize(request("b")))).hasMessage("Gemini blocked the prompt (blockReason SAFETY)");
    fake.reply(ScriptedServer.Reply.json(200, "{\"candidates\": []}"));
    assertThat(failure(gemini.categorize(request("c")))).hasMessage("Gemini returned no candidates");
    fake.reply(FakeGemini.answer("{\"categories\": [{\"name\": \"web\", \"conf", "MAX_TOKENS"));
    assertThat(failure(gemini.categorize(request("d")))).hasMessageStartingWith("Gemini's answer was cut off (finishReason MAX_TOKENS)");
    fake.reply(FakeGemini.answer("", "SAFETY"));
    assertThat(failure(gemini.categorize(request("e")))).hasMessage("Gemini did not answer (finishReason SAFETY)");
    fake.reply(ScriptedServer.Reply.json(200, "<html>gateway error</html>"));
    assertThat(failure(gemini.categorize(request("f")))).hasMessage("Gemini's response was not JSON");
  }

  @Test
  void aRepeatedPromptIsServedFromTheCache() throws Exception {
    GeminiCategorizer gemini = categorizer(new JsonObject());
    fake.reply(FakeGemini.scores("memory", "0.95"));
    await(gemini.categorize(request("Remember my name is Ada")));
    Categorization again = await(gemini.categorize(request("  remember my NAME is Ada ")));
    assertThat(again.scores()).containsExactly(new CategoryScore("memory", 0.95));
    assertThat(fake.requests()).hasSize(1);
    assertThat(gemini.status().getLong("cacheHits")).isEqualTo(1);
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresAndFailsFastWithoutCalling() {
    GeminiCategorizer gemini = categorizer(new JsonObject().put("retryCount", 0)
        .put("circuitBreaker", new JsonObject().put("failures", 2).put("resetMs", 60_000)));
    fake.reply(FakeGemini.error(503, "UNAVAILABLE", "The model is overloaded."));
    failure(gemini.categorize(request("a")));
    failure(gemini.categorize(request("b")));
    CategorizerException open = failure(gemini.categorize(request("c")));
    assertThat(open.code()).isEqualTo(CategorizerFailures.UNAVAILABLE);
    assertThat(open.getMessage()).startsWith("circuit open after 2 failures");
    assertThat(fake.requests()).hasSize(2);
    assertThat(gemini.status().getString("circuit")).isEqualTo("OPEN");
    assertThat(gemini.status().encode()).doesNotContain(KEY);
  }

  @Test
  void aRejectedKeyIsReportedAsAnAuthFailureThatTheOpenCircuitDoesNotHideAndAnAnswerClears() throws Exception {
    GeminiCategorizer gemini = categorizer(new JsonObject().put("retryCount", 0)
        .put("circuitBreaker", new JsonObject().put("failures", 2).put("resetMs", 200)));
    assertThat(gemini.status().getString("health")).isEqualTo("healthy");
    fake.reply(FakeGemini.error(401, "UNAUTHENTICATED", "API key not valid. Please pass a valid API key."));
    failure(gemini.categorize(request("a")));
    JsonObject failing = gemini.status();
    assertThat(failing.getString("health")).isEqualTo("failing");
    assertThat(failing.getString("lastErrorClass")).isEqualTo("auth");
    assertThat(failing.getString("lastError")).contains("HTTP 401").contains("API key not valid");
    assertThat(java.time.Instant.parse(failing.getString("lastErrorAt"))).isBeforeOrEqualTo(java.time.Instant.now());

    failure(gemini.categorize(request("b")));
    CategorizerException refused = failure(gemini.categorize(request("c")));
    assertThat(refused.getMessage()).startsWith("circuit open");
    JsonObject open = gemini.status();
    assertThat(open.getString("health")).isEqualTo("circuit_open");
    assertThat(open.getString("circuit")).isEqualTo("OPEN");
    assertThat(open.getString("lastError")).as("the cause, not the circuit").contains("HTTP 401");
    assertThat(open.getString("lastErrorClass")).isEqualTo("auth");
    assertThat(open.getJsonObject("failuresByClass")).isEqualTo(new JsonObject().put("auth", 2L).put("circuit_open", 1L));

    fake.reply(FakeGemini.scores("memory", "0.9"));
    io.mcphub.categorizer.llm.Answers.eventually(() -> gemini.categorize(request("d")));
    JsonObject recovered = gemini.status();
    assertThat(recovered.getString("health")).isEqualTo("healthy");
    assertThat(recovered.getString("circuit")).isEqualTo("CLOSED");
    assertThat(recovered.getString("lastError")).as("kept for the record").contains("HTTP 401");
  }

  @Test
  void geminisAnswerToAKeyItDoesNotAcceptIsAnAuthFailureThoughItIsA400() {
    GeminiCategorizer gemini = categorizer(new JsonObject().put("retryCount", 0));
    fake.reply(FakeGemini.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."));
    assertThat(failure(gemini.categorize(request("a"))).getMessage()).contains("HTTP 400").contains("API key not valid");
    assertThat(gemini.status().getString("lastErrorClass")).isEqualTo("auth");
    fake.reply(FakeGemini.error(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
    failure(gemini.categorize(request("b")));
    assertThat(gemini.status().getString("lastErrorClass")).isEqualTo("rejected");
  }

  @Test
  void withoutAKeyTheCategorizerDoesNotStart() {
    assertThatThrownBy(() -> new GeminiCategorizerFactory().create(vertx, new JsonObject()))
        .isInstanceOf(CategorizerException.class).hasMessageContaining("llmCategorization.apiKey")
        .hasMessageContaining("${GEMINI_API_KEY}");
  }
}
