package io.mcphub.gateway.support;

import java.util.function.BooleanSupplier;

/** Polls a condition that something asynchronous (a notification, a restart) will make true. */
public final class Await {

  private static final long TIMEOUT_MS = 15_000;

  private Await() {
  }

  public static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within " + TIMEOUT_MS + " ms");
      }
      Thread.sleep(20);
    }
  }
}
