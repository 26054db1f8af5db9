package io.mcphub.categorizer.openai;

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

/** The OpenAI-compatible categorizer against a local fake of the Chat Completions API. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenAiCategorizerTest {

  static final String KEY = "sk-test-abcdefghijklmnop";
  static final List<CategoryDefinition> CATEGORIES = List.of(
      new CategoryDefinition("filesystem", "reading and writing local files"),
      new CategoryDefinition("web", "fetching web pages"));

  private Vertx vertx;
  private ScriptedServer fake;

  @BeforeEach
  void startFake(Vertx vertx) throws Exception {
    this.vertx = vertx;
    fake = FakeChatCompletions.server().start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private OpenAiCategorizer categorizer(JsonObject extra) {
    JsonObject config = new JsonObject().put("apiKey", KEY).put("baseUrl", fake.baseUrl() + "/v1").put("timeoutMs", 3_000)
        .mergeIn(extra);
    return (OpenAiCategorizer) new OpenAiCategorizerFactory().create(vertx, config);
  }

  private static CategorizationRequest request(String prompt) {
    return new CategorizationRequest(prompt, "", CATEGORIES, "s1");
  }



  @Test
  void aRejectedKeyThenAQuotaAreReportedByClassAndTheNextAnswerClearsTheFailure() throws Exception {
    OpenAiCategorizer openai = categorizer(new JsonObject().put("retryCount", 0));
    fake.reply(FakeChatCompletions.error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-te****mnop."));
    failure(openai.categorize(request("a")));
    JsonObject rejected = openai.status();
    assertThat(rejected.getString("health")).isEqualTo("failing");
    assertThat(rejected.getString("lastErrorClass")).isEqualTo("auth");
    assertThat(rejected.getString("lastError")).contains("HTTP 401").doesNotContain("sk-te");
    fake.reply(FakeChatCompletions.error(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota."));
    failure(openai.categorize(request("b")));
    assertThat(openai.status().getString("lastErrorClass")).isEqualTo("quota");
    assertThat(openai.status().getJsonObject("failuresByClass")).isEqualTo(new JsonObject().put("auth", 1L).put("quota", 1L));
    fake.reply(FakeChatCompletions.scores("filesystem", "0.9"));
    await(openai.categorize(request("c")));
    assertThat(openai.status().getString("health")).isEqualTo("healthy");
  }

  @Test
  void sendsAStrictJsonSchemaRequestWithTheBearerKeyAndReadsTheScores() throws Exception {
    fake.reply(FakeChatCompletions.scores("filesystem", "0.91", "web", "0.05", "cloud", "0.99"));
    Categorization answer = await(categorizer(new JsonObject()).categorize(request("Read notes.txt")));
    assertThat(answer.categorizer()).isEqualTo("openai");
    assertThat(answer.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(answer.scores()).containsExactly(new CategoryScore("filesystem", 0.91), new CategoryScore("web", 0.05));

    ScriptedServer.Request sent = fake.requests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.uri()).isEqualTo("/v1/chat/completions");
    assertThat(sent.headers()).containsEntry("authorization", "Bearer " + KEY);
    assertThat(sent.body().getString("model")).isEqualTo("gpt-4o-mini");
    assertThat(sent.body().getInteger("temperature")).isZero();
    JsonObject format = sent.body().getJsonObject("response_format");
    assertThat(format.getString("type")).isEqualTo("json_schema");
    assertThat(format.getJsonObject("json_schema").getBoolean("strict")).isTrue();
    assertThat(format.getJsonObject("json_schema").getJsonObject("schema").getJsonObject("properties").getJsonObject("categories")
        .getJsonObject("items").getJsonObject("properties").getJsonObject("name").getJsonArray("enum").getList())
        .containsExactly("filesystem", "web");
    assertThat(sent.body().getJsonArray("messages").getJsonObject(0).getString("content")).contains("- web: fetching web pages");
    assertThat(sent.body().getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("Read notes.txt");
  }

  @Test
  void theModelSeesEachCategorysSizeAndSampleToolNames() throws Exception {
    fake.reply(FakeChatCompletions.scores("trains", "0.93"));
    CategorizationRequest request = new CategorizationRequest("Find me a train from Lyon to Paris on Friday morning", "",
        List.of(new CategoryDefinition("web", "fetching web pages"), new CategoryDefinition("trains",
            "Rail Europe: finds and books train tickets", List.of("trains__search_trips", "trains__book_seat"), 7)), "s1");
    Categorization answer = await(categorizer(new JsonObject()).categorize(request));
    assertThat(answer.scores()).containsExactly(new CategoryScore("trains", 0.93));
    String instruction = fake.requests().get(0).body().getJsonArray("messages").getJsonObject(0).getString("content");
    assertThat(instruction)
        .contains("- trains (7 tools, e.g. trains__search_trips, trains__book_seat): Rail Europe: finds and books train tickets")
        .contains("- web: fetching web pages");
  }

  @Test
  void jsonObjectModeAndNoKeyForLocalServers() throws Exception {
    fake.reply(FakeChatCompletions.scores("web", "0.8"));
    JsonObject local = new JsonObject().put("jsonSchema", false).put("model", "llama3.1")
        .put("headers", new JsonObject().put("api-key", "azure-style-key"));
    local.remove("apiKey");
    OpenAiCategorizer ollama = (OpenAiCategorizer) new OpenAiCategorizerFactory().create(vertx,
        local.put("baseUrl", fake.baseUrl() + "/v1"));
    await(ollama.categorize(request("open example.org")));
    ScriptedServer.Request sent = fake.requests().get(0);
    assertThat(sent.headers()).doesNotContainKey("authorization").containsEntry("api-key", "azure-style-key");
    assertThat(sent.body().getJsonObject("response_format")).isEqualTo(new JsonObject().put("type", "json_object"));
    assertThat(sent.body().getString("model")).isEqualTo("llama3.1");
    assertThatThrownBy(() -> new OpenAiCategorizerFactory().create(vertx, new JsonObject()))
        .isInstanceOf(CategorizerException.class).hasMessageContaining("llmCategorization.apiKey");
  }

  @Test
  void aRefusalACutOffAndMalformedContentAreFailuresWithReasons() {
    OpenAiCategorizer openai = categorizer(new JsonObject().put("cacheSize", 0));
    fake.reply(FakeChatCompletions.choice(new JsonObject().put("role", "assistant").putNull("content")
        .put("refusal", "I can't help with that."), "stop"));
    assertThat(failure(openai.categorize(request("a")))).hasMessage("the model refused: I can't help with that.");
    fake.reply(FakeChatCompletions.choice(new JsonObject().put("role", "assistant").put("content", "{\"categories\": [{\"na"), "length"));
    assertThat(failure(openai.categorize(request("b")))).hasMessage("the model's answer was cut off (finish_reason length)");
    fake.reply(FakeChatCompletions.content("filesystem, obviously"));
    assertThat(failure(openai.categorize(request("c")))).hasMessage("The model's answer was not the JSON asked for")
        .satisfies(e -> assertThat(((CategorizerException) e).code()).isEqualTo(CategorizerFailures.INTERNAL));
  }

  @Test
  void aRejectedKeyIsAFailureThatNeverShowsTheKey() {
    fake.reply(FakeChatCompletions.error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: sk-test-ab************mnop. You can find your API key at https://platform.openai.com."));
    CategorizerException error = failure(categorizer(new JsonObject()).categorize(request("x")));
    assertThat(error.code()).isEqualTo(CategorizerFailures.UNAVAILABLE);
    assertThat(error.getMessage()).startsWith("OpenAI-compatible API answered HTTP 401: invalid_api_key Incorrect API key provided: [key]")
        .doesNotContain("sk-test").doesNotContain(KEY);
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void aRateLimitIsRetriedAfterRetryAfter() throws Exception {
    fake.reply(FakeChatCompletions.error(429, "requests", "rate_limit_exceeded", "Rate limit reached").withHeader("Retry-After", "1"),
        FakeChatCompletions.scores("web", "0.9"));
    long start = System.nanoTime();
    Categorization answer = await(categorizer(new JsonObject()).categorize(request("fetch it")));
    assertThat(answer.scores()).containsExactly(new CategoryScore("web", 0.9));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(950);
    assertThat(fake.requests()).hasSize(2);
  }

  @Test
  void serverErrorsAreRetriedThenFailAndASlowServerTimesOut() {
    fake.reply(FakeChatCompletions.error(500, "server_error", null, "The server had an error."));
    CategorizerException error = failure(categorizer(new JsonObject().put("retryCount", 1)).categorize(request("x")));
    assertThat(error.getMessage()).isEqualTo("OpenAI-compatible API answered HTTP 500: The server had an error.");
    assertThat(fake.requests()).hasSize(2);

    fake.reply(FakeChatCompletions.scores("web", "0.9").delayed(3_000));
    CategorizerException slow = failure(categorizer(new JsonObject().put("timeoutMs", 300)).categorize(request("y")));
    assertThat(slow.code()).isEqualTo(CategorizerFailures.TIMEOUT);
    assertThat(slow.getMessage()).isEqualTo("OpenAI-compatible API did not answer within 300 ms");
  }
}
