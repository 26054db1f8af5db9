package io.mcphub.gateway.support;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a process running: every process the test JVM started while the class ran (a hub
 * JVM, upstream servers, scripts) must have exited once the class is done — it passed, failed or timed out. Leftovers
 * get {@link #SETTLE_MS} to exit (a closed hub ends its upstreams asynchronously), then are stopped, and the class
 * fails naming them. Registered for every test class of this module by JUnit's extension autodetection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 */
public final class NoLeakedProcesses implements BeforeAllCallback, AfterAllCallback {

  /** How long a process may take to exit after its test class ends. */
  static final long SETTLE_MS = 10_000;
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoLeakedProcesses.class);
  private static final String BEFORE = "processes-before";

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put(BEFORE, ChildProcesses.alive());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterAll(ExtensionContext context) {
    Set<ProcessHandle> before = context.getStore(NAMESPACE).get(BEFORE, Set.class);
    assertNoneLeft(before == null ? Set.of() : before, context.getDisplayName(), SETTLE_MS);
  }

  /**
   * Fails, naming them, when processes that were not alive in {@code before} are still alive after {@code settleMs};
   * stops them first.
   */
  static void assertNoneLeft(Set<ProcessHandle> before, String owner, long settleMs) {
    Set<ProcessHandle> started = new HashSet<>(ChildProcesses.alive());
    started.removeAll(before);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleMs);
    started.removeIf(handle -> ChildProcesses.awaitExit(handle, deadline));
    if (started.isEmpty()) {
      return;
    }
    String leftovers = ChildProcesses.describe(started);
    started.forEach(ChildProcesses::stop);
    throw new AssertionError(owner + " left " + started.size() + " process(es) running: " + leftovers);
  }
}
