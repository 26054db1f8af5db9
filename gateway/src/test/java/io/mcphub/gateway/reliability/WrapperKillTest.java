package io.mcphub.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.TestHub;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9, "whole process tree, every time": upstreams run behind an {@code sh -c} wrapper (one of them with a
 * grandchild of its own). The wrapper is killed with SIGKILL from outside, then the hub is stopped; every process of
 * every tree must end. Orphans still alive after a bounded wait are counted (then killed, so that none outlives the
 * test).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WrapperKillTest {

  private static final long ORPHAN_WAIT_MS = 10_000;

  @Test
  void killingTheWrapperOrStoppingTheHubLeavesNoOrphan() throws Exception {
    int attempts = Campaign.scaled(3);
    long orphans = 0;
    long failures = 0;
    for (int i = 0; i < attempts; i++) {
      String marker = UUID.randomUUID().toString().substring(0, 8);
      List<ProcessHandle> seen = new ArrayList<>();
      try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()
          .put("plain", wrapped("plain-" + marker, ""))
          .put("nested", wrapped("nested-" + marker, " --with-child"))))) {
        for (String server : List.of("plain", "nested")) {
          ProcessHandle wrapper = wrapperOf(marker, server);
          int expected = server.equals("nested") ? 2 : 1;
          Await.until(() -> wrapper.descendants().count() >= expected);
          seen.addAll(wrapper.descendants().toList());
          wrapper.destroyForcibly();
        }
        orphans += survivors(seen);
        Await.until(() -> hub.onHub(h -> h.upstream("plain").state() == UpstreamState.CONNECTED
            && h.upstream("nested").state() == UpstreamState.CONNECTED));
        for (String server : List.of("plain", "nested")) {
          ProcessHandle wrapper = wrapperOf(marker, server);
          seen.add(wrapper);
          seen.addAll(wrapper.descendants().toList());
        }
        if (seen.size() != 8) {
          failures++;
        }
      }
      orphans += survivors(seen);
    }
    Campaign.record("sh -c wrapped stdio servers (one with a grandchild): wrapper killed -9, then hub stopped; orphans left",
        attempts, failures, orphans);
    assertThat(failures).isZero();
    assertThat(orphans).isZero();
  }

  private static JsonObject wrapped(String name, String options) {
    String command = "node '" + TestHub.FIXTURE + "' " + name + options + "; exit $?";
    return new JsonObject().put("command", "sh").put("args", new JsonArray().add("-c").add(command));
  }

  /** The hub's {@code sh} child running the server named {@code <server>-<marker>}. */
  private static ProcessHandle wrapperOf(String marker, String server) throws InterruptedException {
    String name = server + "-" + marker;
    List<ProcessHandle> found = new ArrayList<>();
    Await.until(() -> {
      found.clear();
      ProcessHandle.current().children()
          .filter(child -> child.info().arguments().map(args -> String.join(" ", args).contains(" " + name)).orElse(false))
          .forEach(found::add);
      return found.size() == 1;
    });
    return found.get(0);
  }

  /** Waits (bounded) for {@code processes} to end; counts and kills those still alive. */
  private static long survivors(List<ProcessHandle> processes) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ORPHAN_WAIT_MS;
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
    alive.forEach(ProcessHandle::destroyForcibly);
    return alive.size();
  }
}
