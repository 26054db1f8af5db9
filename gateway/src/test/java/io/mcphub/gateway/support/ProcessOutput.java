package io.mcphub.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process's output stream, read to its end on a thread of its own from the moment the process starts, so
 * the pipe never fills and blocks the child, whatever the test reads. Keeps the first {@link #MAX_LINES} lines for
 * assertions and failure messages; later lines are read and dropped.
 */
public final class ProcessOutput {

  static final int MAX_LINES = 10_000;

  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private ProcessOutput() {
  }

  /** Starts reading {@code stream} (a process's stdout or stderr) to its end. */
  public static ProcessOutput drain(InputStream stream, String name) {
    ProcessOutput output = new ProcessOutput();
    Thread reader = new Thread(() -> output.read(stream), "test-output-" + name);
    reader.setDaemon(true);
    reader.start();
    return output;
  }

  private void read(InputStream stream) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        add(line);
      }
    } catch (IOException e) {
      // the process ended or the stream was closed: the output ends here
    } finally {
      end();
    }
  }

  private synchronized void add(String line) {
    if (lines.size() < MAX_LINES) {
      lines.add(line);
      notifyAll();
    }
  }

  private synchronized void end() {
    ended = true;
    notifyAll();
  }

  /**
   * Waits until a line matches {@code pattern} and returns its match; fails when the stream ends first or after
   * {@code timeoutMs}, with the output so far.
   */
  public synchronized Matcher await(Pattern pattern, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    int checked = 0;
    while (true) {
      for (; checked < lines.size(); checked++) {
        Matcher matcher = pattern.matcher(lines.get(checked));
        if (matcher.find()) {
          return matcher;
        }
      }
      long left = deadline - System.nanoTime();
      if (ended || left <= 0) {
        throw new AssertionError((ended ? "the output ended" : "nothing within " + timeoutMs + " ms")
            + " without a line matching " + pattern + "; output: " + lines);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Waits (at most {@code timeoutMs}) for the stream to end — the process exited — and returns all of it. */
  public synchronized String awaitEnd(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!ended) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the output did not end within " + timeoutMs + " ms; so far: " + lines);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return text();
  }

  /** The lines read so far, joined by newlines. */
  public synchronized String text() {
    return String.join("\n", lines);
  }
}
