package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.CategorizerContractTest;
import io.mcphub.categorizer.CategorizerFactory;
import io.mcphub.categorizer.llm.ScriptedServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Gemini categorizer keeps the categorizer contract, over the event bus, against the fake API. */
class GeminiContractTest extends CategorizerContractTest {

  private static Vertx fakeVertx;
  private static ScriptedServer fake;

  @BeforeAll
  static void startFake() throws Exception {
    fakeVertx = Vertx.vertx();
    fake = FakeGemini.server().start(fakeVertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    fake.reply(FakeGemini.scores("web", "0.4", "filesystem", "0.92", "version-control", "0.8", "cloud", "0.99"));
  }

  @AfterAll
  static void stopFake() throws Exception {
    fakeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  protected CategorizerFactory factory() {
    return new GeminiCategorizerFactory();
  }

  @Override
  protected JsonObject config() {
    return new JsonObject().put("apiKey", "contract-key").put("baseUrl", fake.baseUrl());
  }
}
