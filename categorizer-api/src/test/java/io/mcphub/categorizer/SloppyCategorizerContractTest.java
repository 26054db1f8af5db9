package io.mcphub.categorizer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The serving verticle keeps the contract even for a categorizer that does not: this one answers with
 * unsorted, out-of-range, duplicated and unrequested scores, and throws on empty-looking prompts.
 */
class SloppyCategorizerContractTest extends CategorizerContractTest {

  @Override
  protected CategorizerFactory factory() {
    return new CategorizerFactory() {
      @Override
      public String name() {
        return "sloppy";
      }

      @Override
      public Categorizer create(Vertx vertx, JsonObject config) {
        return request -> {
          if (request.prompt().length() < 2) {
            throw new IllegalStateException("boom");
          }
          return Future.succeededFuture(new Categorization("sloppy", "none", List.of(
              new CategoryScore("web", 0.2), new CategoryScore("filesystem", 1.7), new CategoryScore("root", 0.99),
              new CategoryScore("memory", Double.NaN), new CategoryScore("web", 0.4), new CategoryScore("version-control", -3)),
              "", 0));
        };
      }
    };
  }
}
