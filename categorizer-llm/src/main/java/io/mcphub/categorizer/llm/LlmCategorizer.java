package io.mcphub.categorizer.llm;

import io.mcphub.categorizer.Categorizer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What every LLM categorizer is around its provider's exchange: a {@link LlmCaller} that makes the call resilient,
 * reports its status and closes its client. Subclasses implement only {@code categorize}.
 */
public abstract class LlmCategorizer implements Categorizer {

  protected final LlmCaller caller;

  protected LlmCategorizer(LlmCaller caller) {
    this.caller = caller;
  }

  @Override
  public JsonObject status() {
    return caller.status();
  }

  @Override
  public Future<Void> close() {
    return caller.close();
  }
}
