package io.mcphub.gateway;

import io.mcphub.gateway.config.ConfigException;
import io.mcphub.gateway.config.ConfigLoader;
import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.config.HubOptions;
import io.mcphub.gateway.metrics.HubMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the hub: reads the command line and config, deploys the gateway, and on SIGTERM or Ctrl-C
 * shuts everything down (sessions, upstream process trees, logs) within {@value #SHUTDOWN_BUDGET_MS} ms.
 * Exit codes: 0 normal, 1 cannot start (e.g. port in use), 2 bad command line or config.
 */
public final class Main {

  static final long SHUTDOWN_BUDGET_MS = 8_000;
  /** System property read by logback.xml for the root level. */
  static final String LOG_LEVEL_PROPERTY = "MCP_HUB_LOG_LEVEL";

  private Main() {
  }

  public static void main(String[] args) {
    CommandLine cli;
    try {
      cli = CommandLine.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("mcp-hub: " + e.getMessage());
      System.err.println(CommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (cli.help()) {
      System.out.println(CommandLine.USAGE);
      return;
    }
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(LOG_LEVEL_PROPERTY, cli.logLevel().toUpperCase(java.util.Locale.ROOT));
    }
    int failure = run(cli);
    if (failure != 0) {
      System.exit(failure);
    }
  }

  /** Starts the hub; returns 0 when it runs (Vert.x threads keep the process alive), else the exit code. */
  private static int run(CommandLine cli) {
    Logger log = LoggerFactory.getLogger(Main.class);
    Vertx vertx = HubMetrics.newVertx(vertxOptions(), System::getenv);
    try {
      HubConfig loaded = load(vertx, cli).toCompletionStage().toCompletableFuture().join();
      if (loaded.cluster().enabled()) {
        closeQuietly(vertx);
        vertx = io.mcphub.gateway.cluster.HubCluster.start(vertxOptions(), loaded.cluster(), System::getenv)
            .toCompletionStage().toCompletableFuture().join();
      }
      HubConfig config = deploy(vertx, loaded, cli).toCompletionStage().toCompletableFuture().join();
      Vertx running = vertx;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(running, log), "mcp-hub-shutdown"));
      int servers = config.servers().size();
      log.info("mcp-hub listening on http://{}:{}/mcp ({} server{}, filtering {}, {} transport{})", config.hub().host(),
          config.hub().port(), servers, servers == 1 ? "" : "s", config.filteringMode().configName(),
          vertx.isNativeTransportEnabled() ? "epoll" : "NIO", vertx.isClustered()
              ? ", cluster member " + config.cluster().host() + ":" + config.cluster().port() : "");
      return 0;
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException config) {
        config.problems().forEach(problem -> System.err.println("mcp-hub: config: " + problem));
        closeQuietly(vertx);
        return 2;
      }
      System.err.println("mcp-hub: cannot start: " + (cause.getMessage() == null ? cause : cause.getMessage()));
      closeQuietly(vertx);
      return 1;
    }
  }

  private static VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(true);
  }

  /** Loads the config, applies command-line overrides, deploys the gateway; yields the config it listens with. */
  static Future<HubConfig> start(Vertx vertx, CommandLine cli) {
    return load(vertx, cli).compose(config -> deploy(vertx, config, cli));
  }

  /** Loads the config with the command line's overrides ({@code --host}, {@code --port}, {@code --cluster}). */
  static Future<HubConfig> load(Vertx vertx, CommandLine cli) {
    return new ConfigLoader(vertx, System::getenv).load(cli.configFiles())
        .map(config -> withListen(config, cli))
        .map(config -> cli.cluster() ? config.withCluster(config.cluster().enable()) : config)
        .onSuccess(config -> config.warnings().forEach(warning -> LoggerFactory.getLogger(Main.class).warn("config: {}", warning)));
  }

  /** Deploys the gateway with {@code config}; yields the config it listens with (the real port when it was 0). */
  static Future<HubConfig> deploy(Vertx vertx, HubConfig config, CommandLine cli) {
    HubVerticle verticle = new HubVerticle(config, System::getenv, cli.pluginsDir(),
        cli.watch() ? cli.configFiles() : java.util.List.of()).listenOverride(hub -> listen(hub, cli));
    return vertx.deployVerticle(verticle)
        .recover(error -> Future.failedFuture(listenFailure(error, config)))
        .map(id -> withListen(config, new CommandLine(cli.configFiles(), null, verticle.port(), null, null, false, false, false)));
  }

  /** A port someone else holds: the message names the address and what to do; any other failure is kept as it is. */
  static Throwable listenFailure(Throwable error, HubConfig config) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.BindException
          || (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
        return new IllegalStateException(config.hub().host() + ":" + config.hub().port() + " is already in use (another"
            + " process listens there); stop it, or choose another port with --port or hub.port", error);
      }
    }
    return error;
  }

  private static HubConfig withListen(HubConfig config, CommandLine cli) {
    return new HubConfig(listen(config.hub(), cli), config.pool(), config.filtering(), config.servers(),
        config.warnings(), config.tracing(), config.cluster());
  }

  /** The file's {@code hub} section with the command line's {@code --host} and {@code --port}, where given. */
  private static HubOptions listen(HubOptions hub, CommandLine cli) {
    return hub.withListen(cli.host() != null ? cli.host() : hub.host(), cli.port() != null ? cli.port() : hub.port());
  }

  private static void shutdown(Vertx vertx, Logger log) {
    log.info("mcp-hub shutting down");
    closeQuietly(vertx);
    log.info("mcp-hub stopped");
    org.slf4j.ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof ch.qos.logback.classic.LoggerContext context) {
      context.stop();
    }
  }

  private static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_BUDGET_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }
}
