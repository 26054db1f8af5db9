package io.mcphub.categorizer.openai;

import io.mcphub.categorizer.CategorizerContractTest;
import io.mcphub.categorizer.CategorizerFactory;
import io.mcphub.categorizer.llm.ScriptedServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The OpenAI-compatible categorizer keeps the categorizer contract, over the event bus, against the fake API. */
class OpenAiContractTest extends CategorizerContractTest {

  private static Vertx fakeVertx;
  private static ScriptedServer fake;

  @BeforeAll
  static void startFake() throws Exception {
    fakeVertx = Vertx.vertx();
    fake = FakeChatCompletions.server().start(fakeVertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    fake.reply(FakeChatCompletions.scores("web", "0.3", "filesystem", "0.9", "memory", "1.2", "root", "0.99"));
  }

  @AfterAll
  static void stopFake() throws Exception {
    fakeVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  protected CategorizerFactory factory() {
    return new OpenAiCategorizerFactory();
  }

  @Override
  protected JsonObject config() {
    return new JsonObject().put("apiKey", "sk-contract-key").put("baseUrl", fake.baseUrl() + "/v1");
  }
}
