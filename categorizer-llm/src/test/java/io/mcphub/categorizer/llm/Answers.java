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

  /** The first answer of repeated calls (a pause between them), for a state that passes by itself; fails after 10 s. */
  public static <T> T eventually(java.util.function.Supplier<Future<T>> call) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return await(call.get());
      } catch (CategorizerException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no answer within 10 s; last failure: " + e.getMessage(), e);
        }
        Thread.sleep(50);
      }
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
