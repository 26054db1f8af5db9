package io.mcphub.categorizer.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerAddresses;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerClient;
import io.mcphub.categorizer.CategorizerFactory;
import io.mcphub.categorizer.CategorizerVerticle;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.ToolDescriptor;
import io.mcphub.categorizer.ToolScore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding categorizer as the hub runs it: it asks the hub's event bus for the tool catalog, embeds it in the
 * background, caches the vectors in the state directory, and scores tools a request names no word of.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddingCategorizerTest {

  private static final List<ToolDescriptor> TOOLS = List.of(
      new ToolDescriptor("calendar__list_events", "calendar list events. Lists the events and meetings in the user's calendar between two dates"),
      new ToolDescriptor("weather__get_forecast", "weather get forecast. Gets the weather forecast for a city: temperature, rain, wind"),
      new ToolDescriptor("slack__post_message", "slack post message. Posts a message to a Slack channel"),
      new ToolDescriptor("spotify__play", "spotify play. Starts playing a song, album or playlist on the user's Spotify device"),
      new ToolDescriptor("files__read_file", "files read file. Reads a text file from the local disk"),
      new ToolDescriptor("github__create_issue", "github create issue. Opens a new issue in a GitHub repository"),
      new ToolDescriptor("stocks__get_quote", "stocks get quote. Returns the latest share price of a stock ticker"),
      new ToolDescriptor("maps__directions", "maps directions. Driving, walking or transit directions between two places"));
  private static final List<CategoryDefinition> CATEGORIES = List.of(
      new CategoryDefinition("calendar", "events, meetings and schedules"),
      new CategoryDefinition("weather", "weather forecasts and conditions"),
      new CategoryDefinition("music", "playing songs and playlists"));

  /** Plays the hub: answers catalog requests with {@link #TOOLS}. */
  private static MessageConsumer<JsonObject> serveCatalog(Vertx vertx) {
    JsonArray tools = new JsonArray();
    TOOLS.forEach(tool -> tools.add(tool.toJson()));
    return vertx.eventBus().consumer(CategorizerAddresses.TOOL_CATALOG, message -> message.reply(new JsonObject().put("tools", tools)));
  }

  /** Deploys the categorizer with {@code embedAtStart}: the catalog is embedded without waiting for a prompt. */
  private static Future<String> deploy(Vertx vertx, Path stateDir) {
    return vertx.deployVerticle(CategorizerVerticle.of(new EmbeddingCategorizerFactory(),
        new JsonObject().put("stateDir", stateDir.toString()).put("embedAtStart", true)));
  }

  /** The status once the catalog has reached the categorizer (polled, bounded by the test's timeout). */
  private static Future<JsonObject> catalogArrived(Vertx vertx) {
    return status(vertx).compose(status -> status.getInteger("toolsTotal") == TOOLS.size()
        ? Future.succeededFuture(status) : vertx.timer(50).compose(t -> catalogArrived(vertx)));
  }

  private static Future<JsonObject> status(Vertx vertx) {
    return vertx.eventBus().<JsonObject>request(CategorizerAddresses.statusOf("embedding"), new JsonObject()).map(reply -> reply.body());
  }

  /** The categorizer's status once every tool of the catalog is embedded (polled, bounded by the test's timeout). */
  private static Future<JsonObject> ready(Vertx vertx) {
    return vertx.eventBus().<JsonObject>request(CategorizerAddresses.statusOf("embedding"), new JsonObject())
        .map(reply -> reply.body())
        .compose(status -> status.getBoolean("ready") && status.getInteger("toolsTotal") == TOOLS.size()
            ? Future.succeededFuture(status) : vertx.timer(100).compose(t -> ready(vertx)));
  }

  private static Categorization ask(Vertx vertx, String prompt) {
    CategorizationRequest request = new CategorizationRequest(prompt, "", CATEGORIES, "test");
    return await(new CategorizerClient(vertx, "embedding", 30_000).categorize(request));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void byDefaultNothingIsEmbeddedUntilTheFirstPromptAndThatPromptStartsIt(Vertx vertx, @TempDir Path dir) throws Exception {
    MessageConsumer<JsonObject> catalog = serveCatalog(vertx);
    CountingEmbedder counting = new CountingEmbedder(Embedder.of(EmbeddingOptions.DEFAULT_MODEL));
    CategorizerFactory factory = new CategorizerFactory() {
      @Override
      public String name() {
        return EmbeddingCategorizer.NAME;
      }

      @Override
      public Categorizer create(Vertx v, JsonObject config) {
        EmbeddingCategorizer categorizer = new EmbeddingCategorizer(v, EmbeddingOptions.fromJson(config), counting);
        categorizer.start();
        return categorizer;
      }
    };
    await(vertx.deployVerticle(CategorizerVerticle.of(factory, new JsonObject().put("stateDir", dir.toString()))));
    JsonObject idle = await(catalogArrived(vertx));
    assertThat(idle.getBoolean("waitingForFirstPrompt")).isTrue();
    assertThat(idle.getBoolean("ready")).isFalse();
    // nothing to wait for when nothing should happen: give an eager indexer time to start, then look
    Thread.sleep(1_000);
    assertThat(counting.texts.get()).as("no text embedded (the model not even loaded) before a prompt").isZero();
    assertThat(dir).as("no cache written before a prompt").isEmptyDirectory();
    Categorization first = ask(vertx, "what's on my agenda tomorrow?");
    assertThat(first.tools()).as("the first prompt is answered at once, before the model is loaded").isEmpty();
    assertThat(first.reasoning()).contains("loading");
    JsonObject ready = await(ready(vertx));
    assertThat(ready.getBoolean("waitingForFirstPrompt")).isFalse();
    assertThat(ready.getInteger("toolsEmbedded")).isEqualTo(TOOLS.size());
    assertThat(counting.texts.get()).as("every tool; the first prompt was not embedded").isEqualTo(TOOLS.size());
    assertThat(ask(vertx, "what's on my agenda tomorrow?").tools().get(0).name()).isEqualTo("calendar__list_events");
    catalog.unregister();
  }

  /** The real model, counting the texts it embeds. */
  private record CountingEmbedder(Embedder model, java.util.concurrent.atomic.AtomicInteger texts) implements Embedder {
    CountingEmbedder(Embedder model) {
      this(model, new java.util.concurrent.atomic.AtomicInteger());
    }

    @Override
    public String modelId() {
      return model.modelId();
    }

    @Override
    public Calibration prior() {
      return model.prior();
    }

    @Override
    public boolean loaded() {
      return model.loaded();
    }

    @Override
    public List<float[]> embedAll(List<String> batch) {
      texts.addAndGet(batch.size());
      return model.embedAll(batch);
    }
  }

  @Test
  void scoresToolsTheRequestNamesNoWordOfBestFirstAndTheSameEveryTime(Vertx vertx, @TempDir Path dir) {
    serveCatalog(vertx);
    await(deploy(vertx, dir));
    JsonObject status = await(ready(vertx));
    assertThat(status.getString("model")).isEqualTo("all-minilm-l6-v2-q");

    assertThat(ask(vertx, "will I need an umbrella this afternoon?").tools().get(0).name()).isEqualTo("weather__get_forecast");
    assertThat(ask(vertx, "put on some relaxing tunes").tools().get(0).name()).isEqualTo("spotify__play");
    assertThat(ask(vertx, "how do I get to the airport from here").tools().get(0).name()).isEqualTo("maps__directions");
    Categorization first = ask(vertx, "what's on my agenda tomorrow?");
    assertThat(first.tools().get(0).name()).isEqualTo("calendar__list_events");
    assertThat(first.tools()).hasSize(TOOLS.size()).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()))
        .allSatisfy(tool -> assertThat(tool.confidence()).isBetween(0.0, 1.0));
    assertThat(first.scores().get(0).category()).isEqualTo("calendar");
    assertThat(first.toolNeed()).as("it does not say whether a tool is needed at all").isNull();

    Categorization again = ask(vertx, "what's on my agenda tomorrow?");
    assertThat(again.tools()).as("deterministic for a fixed model").isEqualTo(first.tools());
    assertThat(again.scores()).isEqualTo(first.scores());
  }

  @Test
  void aRestartEmbedsNothingAndACorruptCacheIsRebuilt(Vertx vertx, @TempDir Path dir) throws Exception {
    serveCatalog(vertx);
    String first = await(deploy(vertx, dir));
    assertThat(await(ready(vertx)).getInteger("toolsFromCache")).isZero();
    await(vertx.undeploy(first));
    Path cache = dir.resolve("embeddings-all-minilm-l6-v2-q.bin");
    assertThat(cache).exists();

    String second = await(deploy(vertx, dir));
    assertThat(await(ready(vertx)).getInteger("toolsFromCache")).as("the second start embeds nothing").isEqualTo(TOOLS.size());
    List<ToolScore> fromCache = ask(vertx, "put on some relaxing tunes").tools();
    await(vertx.undeploy(second));

    byte[] bytes = Files.readAllBytes(cache);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(cache, bytes);
    await(deploy(vertx, dir));
    JsonObject rebuilt = await(ready(vertx));
    assertThat(rebuilt.getInteger("toolsFromCache")).as("a corrupt cache is not used").isZero();
    assertThat(rebuilt.getString("lastError")).isNull();
    assertThat(ask(vertx, "put on some relaxing tunes").tools()).as("the same vectors, embedded anew").isEqualTo(fromCache);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("the corrupt file is kept aside and a good one written").anyMatch(name -> name.startsWith("embeddings-all-minilm-l6-v2-q.bin.corrupt-"))
          .contains("embeddings-all-minilm-l6-v2-q.bin");
    }
  }
}
