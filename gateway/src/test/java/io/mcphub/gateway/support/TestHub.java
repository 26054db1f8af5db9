package io.mcphub.gateway.support;

import io.mcphub.gateway.HubVerticleAccess;
import io.mcphub.gateway.config.ConfigParser;
import io.mcphub.gateway.config.HubConfig;
import io.mcphub.gateway.mcp.Hub;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.Function;

/**
 * The hub in-process on port 0 with real upstream processes: our stdio fixture server and the MCP
 * reference servers pinned in {@code src/test/node}.
 */
public final class TestHub implements AutoCloseable {

  public static final Path FIXTURE = Path.of("src/test/resources/fixtures/fixture-server.mjs").toAbsolutePath();
  /** How many tools the fixture server lists (its {@code tools} array): keep in step with fixture-server.mjs. */
  public static final int FIXTURE_TOOLS = 18;
  public static final Path NODE_MODULES = Path.of("src/test/node/node_modules").toAbsolutePath();

  private final Vertx vertx;
  private final HubVerticleAccess verticle;

  private TestHub(Vertx vertx, HubVerticleAccess verticle) {
    this.vertx = vertx;
    this.verticle = verticle;
  }

  /** Starts a hub on {@code config} (port forced to 0, fast restarts) and waits for the upstreams' first start. */
  public static TestHub start(JsonObject config) {
    return start(config, System::getenv);
  }

  public static TestHub start(JsonObject config, Function<String, String> environment) {
    return start(config, environment, null);
  }

  /** Starts a hub that also loads the categorizer plugins in {@code pluginsDir}. */
  public static TestHub start(JsonObject config, Function<String, String> environment, java.nio.file.Path pluginsDir) {
    JsonObject hub = config.getJsonObject("hub", new JsonObject());
    hub.put("port", 0);
    hub.put("restartInitialDelayMs", hub.getLong("restartInitialDelayMs", 100L));
    config.put("hub", hub);
    return deploy(newVertx(environment), new ConfigParser(environment).parse(config), environment, pluginsDir, List.of());
  }

  /** A config with the given servers under {@code mcpServers}. */
  public static JsonObject config(JsonObject servers) {
    return new JsonObject().put("mcpServers", servers);
  }

  /** Our stdio fixture server; {@code name} is its serverInfo name. */
  public static JsonObject fixture(String name) {
    return new JsonObject().put("command", "node").put("args", new JsonArray().add(FIXTURE.toString()).add(name));
  }

  /** A reference server from the npm registry, run with node from {@code src/test/node/node_modules}. */
  public static JsonObject reference(String packageName, String... args) {
    Path script = NODE_MODULES.resolve("@modelcontextprotocol").resolve(packageName).resolve("dist/index.js");
    if (!Files.exists(script)) {
      throw new IllegalStateException(script + " is missing: run `npm ci` in gateway/src/test/node");
    }
    JsonArray argv = new JsonArray().add(script.toString());
    for (String arg : args) {
      argv.add(arg);
    }
    return new JsonObject().put("command", "node").put("args", argv);
  }

  /**
   * Starts a hub from a config file that it watches: edits to the file apply live. The file's {@code hub.port}
   * should be 0.
   */
  public static TestHub watching(Path file, Function<String, String> environment) {
    Vertx vertx = newVertx(environment);
    HubConfig parsed = await(new io.mcphub.gateway.config.ConfigLoader(vertx, environment).load(List.of(file)));
    return deploy(vertx, parsed, environment, null, List.of(file));
  }

  private static Vertx newVertx(Function<String, String> environment) {
    return io.mcphub.gateway.metrics.HubMetrics.newVertx(new io.vertx.core.VertxOptions(), environment);
  }

  /**
   * Deploys the hub and waits for its upstreams' first start. When that fails, the Vert.x instance is closed before
   * the failure is rethrown, so the upstream processes the hub started end too.
   */
  private static TestHub deploy(Vertx vertx, HubConfig config, Function<String, String> environment, Path pluginsDir,
      List<Path> watched) {
    HubVerticleAccess verticle = new HubVerticleAccess(config, environment, pluginsDir, watched);
    try {
      await(vertx.deployVerticle(verticle.verticle()).compose(id -> verticle.verticle().upstreamsStarted()));
    } catch (RuntimeException e) {
      closeVertx(vertx);
      throw e;
    }
    return new TestHub(vertx, verticle);
  }

  public int port() {
    return verticle.verticle().port();
  }

  public String mcpUrl() {
    return "http://127.0.0.1:" + port() + "/mcp";
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Reads hub state on the hub's own context. */
  public <T> T onHub(Function<Hub, T> read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    verticle.context().runOnContext(v -> {
      try {
        result.complete(read.apply(verticle.verticle().hub()));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return join(result);
  }

  /** A real MCP client (official Java SDK) over Streamable HTTP, initialized. */
  public McpSyncClient client(Function<McpClient.SyncSpec, McpClient.SyncSpec> customize) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl()).endpoint("/mcp").build();
    McpSyncClient client = customize.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))).build();
    client.initialize();
    return client;
  }

  public McpSyncClient client() {
    return client(spec -> spec);
  }

  public static <T> T await(Future<T> future) {
    return join(future.toCompletionStage().toCompletableFuture());
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }

  /** Closes the hub and its upstream processes, even when a test's timeout has interrupted the calling thread. */
  @Override
  public void close() {
    closeVertx(vertx);
  }

  private static void closeVertx(Vertx vertx) {
    boolean interrupted = Thread.interrupted();
    CompletableFuture<Void> closed = vertx.close().toCompletionStage().toCompletableFuture();
    try {
      while (true) {
        try {
          closed.get(60, TimeUnit.SECONDS);
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (Exception e) {
          throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        }
      }
    } finally {
      io.mcphub.gateway.metrics.HubMetrics.release(vertx);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
