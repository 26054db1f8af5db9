package io.mcphub.gateway.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process and every descendant seen while it lived ({@code npx → sh → node}, {@code sh -c} wrappers and what
 * they start). The set is kept fresh by {@link #refresh()}, so that when the wrapper dies first (killed from outside)
 * its orphaned children — no longer its descendants — are still known and can be ended. A process handle carries its
 * start time, so a recycled pid is never signalled. Methods block (they scan the process table): call them from a
 * worker or a dedicated thread.
 */
final class ProcessTree {

  private final ProcessHandle root;
  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** Records the root's current descendants and forgets those that ended. */
  void refresh() {
    root.descendants().forEach(seen::add);
    seen.removeIf(handle -> !handle.isAlive());
  }

  /**
   * Ends the whole tree: descendants are gathered before anything is signalled, then every process gets SIGTERM, and
   * whatever still lives after {@code graceMs} (including children spawned meanwhile) gets SIGKILL. Returns how many
   * had to be killed.
   */
  int terminate(long graceMs) throws InterruptedException {
    refresh();
    List<ProcessHandle> tree = new ArrayList<>(seen);
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // whatever still lives is killed below
      }
    }
    List<ProcessHandle> alive = new ArrayList<>();
    for (ProcessHandle handle : tree) {
      if (handle.isAlive()) {
        handle.descendants().filter(ProcessHandle::isAlive).forEach(alive::add);
        alive.add(handle);
      }
    }
    alive.forEach(ProcessHandle::destroyForcibly);
    seen.clear();
    return alive.size();
  }
}
