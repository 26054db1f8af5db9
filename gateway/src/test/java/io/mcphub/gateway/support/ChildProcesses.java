package io.mcphub.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Stops the processes tests start — whole trees, on every path — and lists the test JVM's live descendants for
 * {@link NoLeakedProcesses}. Waiting here ignores interrupts (and restores the flag): a JUnit {@code @Timeout}
 * interrupts the test thread, and the cleanup that follows must still finish. A JVM-wide shutdown hook kills
 * whatever is left when the test JVM exits, as the last resort.
 */
public final class ChildProcesses {

  /** How long a process tree gets to exit on SIGTERM before it is killed. */
  public static final long GRACE_MS = 5_000;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "test-child-processes-reaper"));
  }

  private ChildProcesses() {
  }

  /** Ends {@code process} and its descendants (descendants first, then the root) and waits until they have exited. */
  public static void stop(Process process) {
    stop(process.toHandle());
  }

  /** Ends {@code root} and its descendants: SIGTERM, then SIGKILL for whatever lives after {@link #GRACE_MS}. */
  public static void stop(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
    List<ProcessHandle> stubborn = tree.stream().filter(handle -> !awaitExit(handle, deadline)).toList();
    stubborn.forEach(ProcessHandle::destroyForcibly);
    long killDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
    stubborn.forEach(handle -> awaitExit(handle, killDeadline));
  }

  /** Waits until {@code handle} has exited or {@code deadlineNanos} (a {@link System#nanoTime()}) has passed. */
  public static boolean awaitExit(ProcessHandle handle, long deadlineNanos) {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          handle.onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
          return true;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (TimeoutException e) {
          return !handle.isAlive();
        } catch (ExecutionException e) {
          return !handle.isAlive();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The test JVM's descendants that are alive now. */
  public static Set<ProcessHandle> alive() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).collect(Collectors.toSet());
  }

  /** One line per process: pid and command line, for failure messages. */
  public static String describe(Set<ProcessHandle> processes) {
    return processes.stream().map(handle -> handle.pid() + " " + handle.info().commandLine().orElse("?"))
        .sorted().collect(Collectors.joining("; "));
  }

  private static void killAll() {
    ProcessHandle.current().children().forEach(ChildProcesses::stop);
  }
}
