package io.mcphub.gateway.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs blocking test work (a call that waits, a stream reader) on threads of its own. The common fork-join pool has
 * a single thread on a 2-core machine: one blocked reader there starves every later async step.
 */
public final class Blocking {

  private static final ExecutorService THREADS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "test-blocking");
    thread.setDaemon(true);
    return thread;
  });

  private Blocking() {
  }

  public static <T> CompletableFuture<T> supply(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, THREADS);
  }

  public static CompletableFuture<Void> run(Runnable work) {
    return CompletableFuture.runAsync(work, THREADS);
  }
}
