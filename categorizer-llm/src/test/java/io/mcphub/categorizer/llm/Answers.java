package io.mcphub.categorizer.llm;

import io.mcphub.categorizer.CategorizerException;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting for a categorizer's answer in tests. */
public final class Answers {

  private Answers() {
  }

  /** The answer, or the exception it failed with. */
  public static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  /** The {@link CategorizerException} the answer failed with (an assertion error when it did not fail so). */
  public static CategorizerException failure(Future<?> future) {
    try {
      await(future);
    } catch (CategorizerException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a CategorizerException, got " + e, e);
    }
    throw new AssertionError("expected a failure, got an answer");
  }
}
