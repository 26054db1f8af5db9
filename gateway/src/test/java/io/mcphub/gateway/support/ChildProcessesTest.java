package io.mcphub.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The clean-up every process-starting test relies on: whole trees stopped, leftovers found, named and stopped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildProcessesTest {

  @Test
  void stopEndsTheWholeTreeEvenWhenTheThreadWasInterrupted() throws Exception {
    Process root = new ProcessBuilder("bash", "-c", "sleep 300 & sleep 300 & wait").start();
    Await.until(() -> root.descendants().count() == 2);
    List<ProcessHandle> tree = root.descendants().toList();

    Thread.currentThread().interrupt();
    ChildProcesses.stop(root);

    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    assertThat(root.isAlive()).isFalse();
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aProcessLeftRunningFailsTheCheckWhichNamesAndStopsIt() throws Exception {
    Set<ProcessHandle> before = ChildProcesses.alive();
    Process leaked = new ProcessBuilder("sleep", "300").start();

    assertThatThrownBy(() -> NoLeakedProcesses.assertNoneLeft(before, "SomeTest", 100))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SomeTest left 1 process(es) running")
        .hasMessageContaining(String.valueOf(leaked.pid()))
        .hasMessageContaining("sleep");
    assertThat(leaked.isAlive()).isFalse();
  }

  @Test
  void aProcessThatExitsWithinTheSettleTimePassesTheCheck() throws Exception {
    Set<ProcessHandle> before = ChildProcesses.alive();
    Process quick = new ProcessBuilder("sleep", "0.3").start();

    NoLeakedProcesses.assertNoneLeft(before, "SomeTest", 10_000);
    assertThat(quick.isAlive()).isFalse();
  }
}
