package io.mcphub.gateway.upstream;

import io.mcphub.categorizer.Secrets;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.jsonrpc.ResponseLine;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream child process speaking newline-delimited JSON-RPC on stdin/stdout. Three dedicated threads
 * keep blocking pipe I/O off the event loop: the stdout reader parses JSON and hands each message back with
 * {@link Context#runOnContext}, the stderr reader logs lines tagged with the server name (rate-limited, truncated and
 * with secrets redacted), and the stdin writer drains a queue. A stdout line over {@value #MAX_LINE_BYTES} bytes breaks
 * the connection (the process is ended, its calls fail, it is restarted). The process tree is watched while it runs so
 * that stopping the server — or the wrapper ({@code sh -c}, {@code npx}) dying first — ends every process of it: the
 * tree is scanned before the first message (so whatever the server started before answering is known when it is
 * connected), then at most every {@value #TREE_REFRESH_MS} ms while it talks and on a timer while it is quiet.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio">stdio transport</a>
 */
final class StdioTransport implements UpstreamTransport {

  /**
   * Variables a child inherits from the hub; everything else (API keys and other secrets of the hub's environment
   * included) comes only from its configured {@code env}. Proxy and CA settings pass so that {@code npx} and
   * {@code uvx} reach their registries behind a corporate proxy.
   */
  static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG",
      "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
      "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR");
  /** The longest stdout line (one JSON-RPC message) accepted: 64 MiB. */
  static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
  /** A stderr line longer than this ends stderr logging for the process (the rest is read and discarded). */
  static final int MAX_STDERR_LINE_BYTES = 64 * 1024;
  /** Stderr lines are logged up to this many characters. */
  static final int MAX_STDERR_LOGGED_CHARS = 1_000;
  /** Stderr lines logged per server: a burst of this many, then {@link #STDERR_LINES_PER_SECOND}. */
  static final int STDERR_BURST = 50;
  static final double STDERR_LINES_PER_SECOND = 10;
  private static final long TERMINATE_GRACE_MS = 2_000;
  private static final long TREE_REFRESH_MS = 500;
  private static final long TREE_REFRESH_NANOS = TREE_REFRESH_MS * 1_000_000;
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|token|secret|passw|credential|auth).*|(.*_)?pat(_.*)?");
  private static final byte[] EOL = {'\n'};
  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
  private static final Logger STDERR = LoggerFactory.getLogger("upstream.stderr");

  private final Vertx vertx;
  private final ServerConfig config;
  private final Function<String, String> hubEnvironment;
  private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
  private final List<String> secrets;
  /** Warnings about a server's stdout (invalid lines), rate-limited like its stderr; used by the stdout thread only. */
  private final LogRateLimit stdoutWarnings = new LogRateLimit(STDERR_BURST, STDERR_LINES_PER_SECOND, System::nanoTime);
  private volatile Process process;
  private volatile ProcessTree tree;
  private volatile boolean closing;
  private volatile String broken;
  private long refreshTimer = -1;

  StdioTransport(Vertx vertx, ServerConfig config, Function<String, String> hubEnvironment) {
    this.vertx = vertx;
    this.config = config;
    this.hubEnvironment = hubEnvironment;
    this.secrets = config.env().entrySet().stream().filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
        .map(Map.Entry::getValue).toList();
  }

  @Override
  public Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(this::spawn, false).compose(started -> {
      if (closing) {
        // closed while the process was being spawned: nobody will own it, so it ends now
        ProcessTree unwanted = new ProcessTree(started.toHandle());
        return vertx.executeBlocking(() -> unwanted.terminate(TERMINATE_GRACE_MS), false)
            .transform(done -> Future.failedFuture(new IllegalStateException("closed while starting")));
      }
      process = started;
      tree = new ProcessTree(started.toHandle());
      startThread("stdout", () -> readMessages(started, context, messageHandler));
      startThread("stderr", () -> readStderr(started));
      startThread("stdin", () -> writeMessages(started.getOutputStream()));
      ProcessTree watched = tree;
      AtomicBoolean scanning = new AtomicBoolean();
      refreshTimer = vertx.setPeriodic(50, TREE_REFRESH_MS, t -> {
        if (scanning.compareAndSet(false, true)) {
          vertx.executeBlocking(() -> {
            watched.refresh();
            return null;
          }, false).onComplete(done -> scanning.set(false));
        }
      });
      started.onExit().thenAccept(exited -> context.runOnContext(v -> onExit(exited, watched, closeHandler)));
      return Future.<Void>succeededFuture();
    });
  }

  /** The process ended (or was ended): whatever it left behind is ended too, and the owner told unless it asked. */
  private void onExit(Process exited, ProcessTree watched, Handler<String> closeHandler) {
    vertx.cancelTimer(refreshTimer);
    outbox.offer(new byte[0]);
    if (!closing) {
      vertx.executeBlocking(() -> watched.terminate(TERMINATE_GRACE_MS), false)
          .onSuccess(killed -> LOG.debug("upstream '{}' exited; {} leftover processes killed", config.name(), killed));
      closeHandler.handle(broken != null ? broken : "process exited with code " + exited.exitValue());
    }
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
    long[] refreshedAt = {Long.MIN_VALUE};
    try {
      reader.readAll(line -> {
        if (refreshedAt[0] == Long.MIN_VALUE || System.nanoTime() - refreshedAt[0] > TREE_REFRESH_NANOS) {
          tree.refresh();
          refreshedAt[0] = System.nanoTime();
        }
        deliver(line, context, handler);
      });
    } catch (LineReader.LineTooLongException e) {
      broken = "wrote " + e.getMessage() + " to stdout; connection treated as broken";
      LOG.warn("upstream '{}' {}; ending it", config.name(), broken);
      endAfterBrokenFraming();
    } catch (IOException e) {
      if (!closing) {
        LOG.debug("upstream '{}' stdout closed: {}", config.name(), e.getMessage());
      }
    }
  }

  /** Called on the stdout thread (blocking is fine there): ending the process reports the reason through its exit. */
  private void endAfterBrokenFraming() {
    try {
      tree.terminate(TERMINATE_GRACE_MS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(String line, Context context, MessageHandler handler) {
    String trimmed = line.strip();
    try {
      if (trimmed.startsWith("{")) {
        // a plain response keeps its result as text, forwarded with only the id rewritten; anything else is a tree
        JsonObject response = ResponseLine.parse(trimmed);
        JsonObject message = response != null ? response : new JsonObject(trimmed);
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
      warnStdout("invalid JSON", trimmed);
      return;
    }
    if (!trimmed.isEmpty()) {
      warnStdout("a non-JSON-RPC line", trimmed);
    }
  }

  private void warnStdout(String what, String line) {
    long suppressed = stdoutWarnings.admit();
    if (suppressed >= 0) {
      LOG.warn("upstream '{}' wrote {} to stdout; skipped{}: {}", config.name(), what,
          suppressed > 0 ? " (" + suppressed + " earlier warnings suppressed)" : "", abbreviate(Secrets.redact(line, secrets)));
    }
  }

  private void readStderr(Process child) {
    LineReader reader = new LineReader(child.getErrorStream(), MAX_STDERR_LINE_BYTES);
    LogRateLimit limit = new LogRateLimit(STDERR_BURST, STDERR_LINES_PER_SECOND, System::nanoTime);
    try {
      reader.readAll(line -> logStderr(line, limit));
    } catch (LineReader.LineTooLongException e) {
      STDERR.warn("[{}] wrote {} to stderr; the rest of its stderr is discarded", config.name(), e.getMessage());
      discard(child);
    } catch (IOException e) {
      LOG.debug("upstream '{}' stderr closed", config.name());
    }
    if (limit.suppressed() > 0) {
      STDERR.info("[{}] ({} more stderr lines suppressed)", config.name(), limit.suppressed());
    }
  }

  private void logStderr(String line, LogRateLimit limit) {
    long suppressed = limit.admit();
    if (suppressed < 0) {
      return;
    }
    if (suppressed > 0) {
      STDERR.info("[{}] ({} stderr lines suppressed: more than {} lines/s)", config.name(), suppressed, STDERR_LINES_PER_SECOND);
    }
    String clean = Secrets.redact(line, secrets);
    STDERR.info("[{}] {}", config.name(), clean.length() > MAX_STDERR_LOGGED_CHARS
        ? clean.substring(0, MAX_STDERR_LOGGED_CHARS) + "… (" + clean.length() + " chars)" : clean);
  }

  /** Keeps the pipe drained so that the child never blocks writing to stderr. */
  private void discard(Process child) {
    try {
      child.getErrorStream().transferTo(OutputStream.nullOutputStream());
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
    ProcessTree watched = tree;
    if (child == null) {
      return Future.succeededFuture();
    }
    vertx.cancelTimer(refreshTimer);
    outbox.offer(new byte[0]);
    return vertx.executeBlocking(() -> watched.terminate(TERMINATE_GRACE_MS), false)
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
