package io.mcphub.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.categorize.LearnedCategoryStore;
import io.mcphub.gateway.support.Blocking;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, "nothing lost": a separate JVM rewrites {@code tool-categories.json} through the hub's persistence and is
 * killed with SIGKILL at a random moment inside a save (0–{@value #MAX_KILL_DELAY_US} µs after the save is seen
 * to touch the directory).
 * After each kill the file must hold a complete generation, at least the last one the writer reported saved, and
 * nothing may be left beside it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KillDuringWriteTest {

  private static final int MAX_KILL_DELAY_US = 500;

  @Test
  void aWriterKilledAtRandomMomentsLeavesThePreviousOrTheNewCompleteFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tool-categories.json");
    int attempts = Campaign.scaled(5);
    long lost = 0;
    long failures = 0;
    List<String> failed = new java.util.ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      Path errors = Files.createTempFile("state-file-writer", ".err");
      Process writer = startWriter(file, errors);
      AtomicLong saved = new AtomicLong(-1);
      CompletableFuture<Void> killed = Blocking.run(() -> killInsideASave(writer, dir, saved));
      killed.get(60, TimeUnit.SECONDS);
      assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();
      if (saved.get() < 0) {
        failures++;
        failed.add("exit " + writer.exitValue() + ": " + Files.readString(errors));
      }
      Files.delete(errors);
      long found = StateFileWriter.generationOf(new LearnedCategoryStore(file).load());
      if (found < 0 || found < saved.get()) {
        lost++;
      }
    }
    try (var left = Files.list(dir)) {
      List<String> names = left.map(p -> p.getFileName().toString()).toList();
      Campaign.record("state file writer (" + StateFileWriter.ENTRIES + " categories) killed with SIGKILL inside a save",
          attempts, failures, lost);
      assertThat(names).as("files left beside the state file").containsExactly("tool-categories.json");
    }
    assertThat(failures).as("writers that ended before a complete save: %s", failed).isZero();
    assertThat(lost).isZero();
  }

  private static Process startWriter(Path file, Path errors) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        StateFileWriter.class.getName(), file.toString())
        .redirectError(errors.toFile())
        .start();
  }

  /**
   * Follows the writer's output; once a save has completed, waits for the next one to touch the directory (a file
   * created, truncated or replaced) and kills the writer a random moment later.
   */
  private static void killInsideASave(Process writer, Path dir, AtomicLong saved) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("wrote ")) {
          saved.set(Long.parseLong(line.substring(6)));
        } else if (line.startsWith("saving ") && saved.get() >= 0) {
          awaitWriteStarted(dir, snapshot(dir));
          LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextInt(MAX_KILL_DELAY_US)));
          writer.destroyForcibly();
        }
      }
    } catch (IOException e) {
      // the writer was killed: its output ends here
    } finally {
      writer.destroyForcibly();
    }
  }

  /** What the directory holds: each file's name, size and modification time. */
  private static List<String> snapshot(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(KillDuringWriteTest::describe).sorted().toList();
    }
  }

  private static String describe(Path file) {
    try {
      return file.getFileName() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return file.getFileName() + " gone";
    }
  }

  /** Polls (bounded) until the directory differs from {@code before}: the save has begun. */
  private static void awaitWriteStarted(Path dir, List<String> before) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (snapshot(dir).equals(before) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
