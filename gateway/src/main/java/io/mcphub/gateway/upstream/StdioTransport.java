package io.mcphub.gateway.upstream;

import io.mcphub.gateway.config.ServerConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream child process speaking newline-delimited JSON-RPC on stdin/stdout. Three dedicated threads
 * keep blocking pipe I/O off the event loop: the stdout reader parses JSON and hands each message back with
 * {@link Context#runOnContext}, the stderr reader logs lines tagged with the server name, and the stdin
 * writer drains a queue.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio">stdio transport</a>
 */
final class StdioTransport implements UpstreamTransport {

  /** Variables a child inherits from the hub; everything else comes from its configured {@code env}. */
  static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG");
  static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
  private static final long TERMINATE_GRACE_MS = 2_000;
  private static final byte[] EOL = {'\n'};
  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
  private static final Logger STDERR = LoggerFactory.getLogger("upstream.stderr");

  private final Vertx vertx;
  private final ServerConfig config;
  private final Function<String, String> hubEnvironment;
  private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
  private volatile Process process;
  private volatile boolean closing;

  StdioTransport(Vertx vertx, ServerConfig config, Function<String, String> hubEnvironment) {
    this.vertx = vertx;
    this.config = config;
    this.hubEnvironment = hubEnvironment;
  }

  @Override
  public Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(this::spawn, false).map(started -> {
      process = started;
      startThread("stdout", () -> readMessages(started, context, messageHandler));
      startThread("stderr", () -> readStderr(started));
      startThread("stdin", () -> writeMessages(started.getOutputStream()));
      started.onExit().thenAccept(exited -> context.runOnContext(v -> {
        outbox.offer(new byte[0]);
        if (!closing) {
          closeHandler.handle("process exited with code " + exited.exitValue());
        }
      }));
      return null;
    });
  }

  private Process spawn() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(config.command());
    command.addAll(config.args());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.clear();
    for (String name : INHERITED_ENV) {
      String value = hubEnvironment.apply(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(config.env());
    if (config.cwd() != null) {
      builder.directory(new File(config.cwd()));
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IOException("cannot start '" + config.command() + "': " + e.getMessage(), null);
    }
  }

  private void startThread(String stream, Runnable body) {
    Thread thread = new Thread(body, "mcp-upstream-" + config.name() + "-" + stream);
    thread.setDaemon(true);
    thread.start();
  }

  private void readMessages(Process child, Context context, MessageHandler handler) {
    LineReader reader = new LineReader(child.getInputStream(), MAX_LINE_BYTES);
    try {
      reader.readAll(new LineReader.Sink() {
        @Override
        public void line(String line) {
          deliver(line, context, handler);
        }

        @Override
        public void oversized(int limit) {
          LOG.warn("upstream '{}' wrote a line longer than {} bytes to stdout; skipped", config.name(), limit);
        }
      });
    } catch (IOException e) {
      if (!closing) {
        LOG.debug("upstream '{}' stdout closed: {}", config.name(), e.getMessage());
      }
    }
  }

  private void deliver(String line, Context context, MessageHandler handler) {
    String trimmed = line.strip();
    try {
      if (trimmed.startsWith("{")) {
        JsonObject message = new JsonObject(trimmed);
        context.runOnContext(v -> handler.handle(message, null));
        return;
      }
      if (trimmed.startsWith("[")) {
        JsonArray batch = new JsonArray(trimmed);
        context.runOnContext(v -> batch.stream().filter(JsonObject.class::isInstance)
            .forEach(item -> handler.handle((JsonObject) item, null)));
        return;
      }
    } catch (DecodeException e) {
      LOG.warn("upstream '{}' wrote invalid JSON to stdout; skipped: {}", config.name(), e.getMessage());
      return;
    }
    if (!trimmed.isEmpty()) {
      LOG.warn("upstream '{}' wrote a non-JSON-RPC line to stdout; skipped: {}", config.name(), abbreviate(trimmed));
    }
  }

  private void readStderr(Process child) {
    LineReader reader = new LineReader(child.getErrorStream(), 64 * 1024);
    try {
      reader.readAll(new LineReader.Sink() {
        @Override
        public void line(String line) {
          STDERR.info("[{}] {}", config.name(), line);
        }

        @Override
        public void oversized(int limit) {
          STDERR.info("[{}] (a stderr line over {} bytes was skipped)", config.name(), limit);
        }
      });
    } catch (IOException e) {
      LOG.debug("upstream '{}' stderr closed", config.name());
    }
  }

  private void writeMessages(OutputStream stdin) {
    try (stdin) {
      while (true) {
        byte[] next = outbox.take();
        if (next.length == 0) {
          return;
        }
        do {
          stdin.write(next);
          stdin.write(EOL);
          next = outbox.poll();
        } while (next != null && next.length > 0);
        stdin.flush();
        if (next != null) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("upstream '{}' stdin closed: {}", config.name(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Future<Void> send(JsonObject message) {
    if (process == null || closing || !process.isAlive()) {
      return Future.failedFuture(new IllegalStateException("upstream '" + config.name() + "' is not running"));
    }
    outbox.offer(message.encode().getBytes(StandardCharsets.UTF_8));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    closing = true;
    Process child = process;
    if (child == null) {
      return Future.succeededFuture();
    }
    outbox.offer(new byte[0]);
    return vertx.executeBlocking(() -> {
      terminateTree(child);
      return null;
    }, false).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** Ends the process and every descendant (npx → sh → node): SIGTERM first, SIGKILL after a grace period. */
  static void terminateTree(Process child) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
    tree.add(child.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_GRACE_MS);
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // handled below: whatever still lives is killed
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
