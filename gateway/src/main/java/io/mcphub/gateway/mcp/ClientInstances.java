package io.mcphub.gateway.mcp;

import io.mcphub.gateway.config.IsolationOptions;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream instances of servers configured with {@code "isolation": "per-client"}: one per client session,
 * started on the client's first call, serving that client alone (its roots, log level, sampling, elicitation and
 * log messages), capped per server, stopped when idle and when the session ends. The server's shared instance
 * still lists what the server offers; calls never reach it. Confined to the hub's context.
 */
final class ClientInstances {

  private static final Logger LOG = LoggerFactory.getLogger(ClientInstances.class);

  private final Vertx vertx;
  private final BiFunction<ServerConfig, UpstreamEvents, Upstream> factory;
  private final UpstreamEvents hubEvents;
  private final Map<String, Map<String, Instance>> byServer = new HashMap<>();

  /**
   * @param factory builds an upstream (not started) for a server entry that reports to the given events
   * @param hubEvents where metrics of per-client calls go
   */
  ClientInstances(Vertx vertx, BiFunction<ServerConfig, UpstreamEvents, Upstream> factory, UpstreamEvents hubEvents) {
    this.vertx = vertx;
    this.factory = factory;
    this.hubEvents = hubEvents;
  }

  /**
   * Runs {@code call} on the instance of {@code shared}'s server that serves the request's client, starting it if
   * needed. Fails with a retryable {@code UPSTREAM_UNAVAILABLE} error when the server's cap is reached by busy
   * instances.
   */
  <T> Future<T> onInstance(Upstream shared, McpRequest request, java.util.function.Function<Upstream, Future<T>> call) {
    Instance instance;
    try {
      instance = instanceFor(shared, request);
    } catch (McpException refused) {
      return Future.failedFuture(refused);
    }
    instance.inFlight++;
    vertx.cancelTimer(instance.idleTimer);
    return instance.started.compose(v -> call.apply(instance.upstream)).onComplete(done -> release(instance));
  }

  /** The instances serving {@code session}, of every per-client server. */
  List<Upstream> of(Session session) {
    List<Upstream> instances = new ArrayList<>();
    byServer.values().forEach(clients -> {
      Instance instance = clients.get(session.clientKey());
      if (instance != null) {
        instances.add(instance.upstream);
      }
    });
    return instances;
  }

  /** Stops the instances of a session that ended. */
  Future<Void> closeClient(Session session) {
    List<Future<Void>> stops = new ArrayList<>();
    byServer.values().forEach(clients -> {
      Instance instance = clients.remove(session.clientKey());
      if (instance != null) {
        stops.add(stop(instance, "its client session ended"));
      }
    });
    return Future.join(stops).mapEmpty();
  }

  /** Stops every instance of a server (removed, changed or stopped). */
  Future<Void> closeServer(String serverName) {
    return closeServer(serverName, "its server entry changed or was stopped");
  }

  private Future<Void> closeServer(String serverName, String why) {
    Map<String, Instance> clients = byServer.remove(serverName);
    if (clients == null) {
      return Future.succeededFuture();
    }
    return Future.join(clients.values().stream().map(instance -> stop(instance, why)).toList()).mapEmpty();
  }

  /** Stops every instance (hub shutdown). */
  Future<Void> closeAll() {
    return Future.join(new ArrayList<>(byServer.keySet()).stream().map(name -> closeServer(name, "the hub is stopping"))
        .toList()).mapEmpty();
  }

  /** How many per-client instances of {@code serverName} run now. */
  int count(String serverName) {
    return byServer.getOrDefault(serverName, Map.of()).size();
  }

  private Instance instanceFor(Upstream shared, McpRequest request) {
    Session session = request.session();
    Map<String, Instance> clients = byServer.computeIfAbsent(shared.name(), name -> new HashMap<>());
    Instance existing = clients.get(session.clientKey());
    if (existing != null) {
      return existing;
    }
    IsolationOptions isolation = shared.config().isolation();
    if (clients.size() >= isolation.maxInstances() && !stopLeastRecentlyUsedIdle(clients)) {
      throw new McpException(JsonRpc.UPSTREAM_UNAVAILABLE, "upstream server '" + shared.name() + "' runs its cap of "
          + isolation.maxInstances() + " per-client instances, all busy; retry shortly");
    }
    InstanceEvents events = new InstanceEvents(session, request.origin(), hubEvents);
    Instance created = new Instance(session, factory.apply(shared.config(), events));
    created.started = created.upstream.start().compose(v -> events.startupAnswered(created.upstream))
        .onSuccess(v -> applyLogLevel(created));
    clients.put(session.clientKey(), created);
    LOG.info("upstream '{}': started an instance for session {} ({} running)", shared.name(), session.handle(),
        clients.size());
    return created;
  }

  private void release(Instance instance) {
    instance.inFlight--;
    instance.lastUsed = System.nanoTime();
    if (instance.inFlight == 0) {
      long idleMs = instance.upstream.config().isolation().idleTimeoutMs();
      instance.idleTimer = vertx.setTimer(idleMs, t -> stopIfIdle(instance));
    }
  }

  private void stopIfIdle(Instance instance) {
    Map<String, Instance> clients = byServer.get(instance.upstream.name());
    if (instance.inFlight == 0 && clients != null && clients.remove(instance.key, instance)) {
      stop(instance, "it was idle");
    }
  }

  private boolean stopLeastRecentlyUsedIdle(Map<String, Instance> clients) {
    Instance oldest = clients.values().stream().filter(instance -> instance.inFlight == 0)
        .min((a, b) -> Long.compare(a.lastUsed, b.lastUsed)).orElse(null);
    if (oldest == null) {
      return false;
    }
    clients.remove(oldest.key);
    stop(oldest, "its server reached its instance cap");
    return true;
  }

  private Future<Void> stop(Instance instance, String why) {
    vertx.cancelTimer(instance.idleTimer);
    LOG.info("upstream '{}': stopping the instance of session {}: {}", instance.upstream.name(),
        instance.owner.handle(), why);
    return instance.upstream.stop();
  }

  private static void applyLogLevel(Instance instance) {
    String level = instance.owner.logLevel();
    if (level != null && instance.upstream.catalog().hasCapability("logging")) {
      instance.upstream.call(McpMethods.LOGGING_SET_LEVEL, new JsonObject().put("level", level), null);
    }
  }

  private static final class Instance {
    final Session owner;
    /** The client it serves ({@link Session#clientKey()}): the key it is stored and removed under. */
    final String key;
    final Upstream upstream;
    Future<Void> started;
    int inFlight;
    long lastUsed = System.nanoTime();
    long idleTimer = -1;

    Instance(Session owner, Upstream upstream) {
      this.owner = owner;
      this.key = owner.clientKey();
      this.upstream = upstream;
    }
  }
}
