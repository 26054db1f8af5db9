package io.mcphub.gateway.upstream;

import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.config.TransportType;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured upstream server and its life: connect and initialize, list what it offers (following
 * pagination), route calls to it, and after a crash or disconnect fail its in-flight calls at once and
 * reconnect with capped, jittered exponential backoff. Confined to the hub's context.
 *
 * <p>A Streamable HTTP server may speak MCP 2026-07-28 (sessionless): each connection attempt first probes
 * {@code server/discover}; when its {@code supportedVersions} holds 2026-07-28 the hub talks to it through a
 * {@link ModernHttpTransport} (identity, instructions and capabilities from the discover result; list changes from
 * {@code subscriptions/listen}; {@code input_required} results bridged for 2025 clients by {@link InputRequiredBridge}).
 * Any other answer to the probe (a 4xx, {@code -32601}, a legacy session error) means a legacy server, which is then
 * initialized as before; an {@code initialize} answered {@code -32022} with a modern {@code data.supported} switches to the
 * modern path too, so a modern-only server is never asked to initialize again and again. Stdio and HTTP+SSE servers
 * stay on 2025-11-25.
 */
public final class Upstream {

  /** Backoff for restarts: first delay and cap. */
  public record RestartPolicy(long initialDelayMs, long maxDelayMs) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);
  private static final int MAX_PAGES = 1_000;
  /** A server that stayed up this long before failing restarts from the initial delay again. */
  private static final long STABLE_AFTER_MS = 30_000;
  /** The longest the {@code server/discover} probe may hold up the connection of a legacy server that ignores it. */
  private static final long DISCOVER_PROBE_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final ServerConfig config;
  private final TransportFactory transports;
  private final RestartPolicy restartPolicy;
  private final UpstreamEvents events;
  private UpstreamState state = UpstreamState.STOPPED;
  private TransportType activeTransport;
  private UpstreamCatalog catalog = UpstreamCatalog.EMPTY;
  private UpstreamClient client;
  private Future<JsonObject> reinitializing;
  private String lastError;
  private int restarts;
  private int failuresInARow;
  private long connectedAt;
  private long restartTimer = -1;
  private JsonObject declaredCapabilities = new JsonObject();
  private final Set<ListKind> refreshing = EnumSet.noneOf(ListKind.class);
  private final Set<ListKind> stale = EnumSet.noneOf(ListKind.class);
  /** Bridged calls in flight: the first upstream id (the one the caller knows) → the id of the current round. */
  private final Map<Long, Long> bridgedRounds = new java.util.HashMap<>();

  public Upstream(Vertx vertx, ServerConfig config, TransportFactory transports, RestartPolicy restartPolicy,
      UpstreamEvents events) {
    this.vertx = vertx;
    this.config = config;
    this.transports = transports;
    this.restartPolicy = restartPolicy;
    this.events = events;
  }

  public String name() {
    return config.name();
  }

  public ServerConfig config() {
    return config;
  }

  public UpstreamState state() {
    return state;
  }

  public UpstreamCatalog catalog() {
    return catalog;
  }

  /** The transport in use (differs from the configured one after a fallback from Streamable HTTP to SSE). */
  public TransportType activeTransport() {
    return activeTransport == null ? config.type() : activeTransport;
  }

  public int restarts() {
    return restarts;
  }

  /** When the current connection was made (epoch ms), or 0 when not connected. */
  public long connectedAt() {
    return state == UpstreamState.CONNECTED ? connectedAt : 0;
  }

  public String lastError() {
    return lastError;
  }

  /** The MCP revision spoken with the server while connected ({@code 2026-07-28} on the sessionless path), else null. */
  public String protocolVersion() {
    return state == UpstreamState.CONNECTED ? catalog.protocolVersion() : null;
  }

  /** Connects (or marks the server disabled). Completes once the first attempt has ended; never fails. */
  public Future<Void> start() {
    if (config.disabled()) {
      setState(UpstreamState.DISABLED);
      return Future.succeededFuture();
    }
    return connect(config.type());
  }

  /** Starts a stopped (or disabled) server now, as an operator asks; completes after the first attempt. */
  public Future<Void> connectNow() {
    return connect(activeTransport());
  }

  /** Ends the server's process or session; its tools leave the catalog. */
  public Future<Void> stop() {
    vertx.cancelTimer(restartTimer);
    UpstreamClient current = client;
    client = null;
    dropCatalog();
    setState(UpstreamState.STOPPED);
    return current == null ? Future.succeededFuture() : current.close();
  }

  /** Sends a request for a client exchange; fails at once with {@code UPSTREAM_UNAVAILABLE} when not connected. */
  public OutboundCall call(String method, JsonObject params, RequestOrigin origin) {
    if (state != UpstreamState.CONNECTED || client == null) {
      return new OutboundCall(-1, Future.failedFuture(notConnected()));
    }
    UpstreamClient current = client;
    long start = System.nanoTime();
    boolean bridged = origin != null && !origin.acceptsInputRequired() && current.transport() instanceof ModernHttpTransport
        && InputRequiredBridge.mayAskForInput(method);
    JsonObject original = bridged && params != null ? params.copy() : params;
    OutboundCall call = current.call(method, params, origin, config.requestTimeoutMs());
    Future<JsonObject> result = call.result().recover(error -> {
      if (!(error instanceof SessionExpiredException) || current != client) {
        return Future.failedFuture(error);
      }
      LOG.info("upstream '{}' ended its session; initializing a new one", name());
      return reinitialize(current).compose(v -> current.call(method, params, origin, config.requestTimeoutMs()).result());
    });
    if (bridged) {
      long firstId = call.upstreamId();
      bridgedRounds.put(firstId, firstId);
      result = result.compose(first -> new InputRequiredBridge(name(), origin, retry -> {
        if (!bridgedRounds.containsKey(firstId)) {
          return Future.failedFuture(new McpException(JsonRpc.REQUEST_CANCELLED, "request cancelled by the client"));
        }
        OutboundCall round = current.call(method, retry, origin, config.requestTimeoutMs());
        bridgedRounds.put(firstId, round.upstreamId());
        return round.result();
      }).complete(original, first)).onComplete(done -> bridgedRounds.remove(firstId));
    }
    result = result.onComplete(done -> events.callCompleted(this, method, System.nanoTime() - start, done.failed()));
    return new OutboundCall(call.upstreamId(), result);
  }

  /** Sends a notification (cancellation, roots change, …) if connected. */
  public void notify(String method, JsonObject params) {
    if (state == UpstreamState.CONNECTED && client != null) {
      client.notify(method, params);
    }
  }

  /**
   * Forwards a client's cancellation of {@code upstreamId} and fails that call; for a call bridged over input rounds,
   * the round in flight is cancelled and no further round is sent.
   */
  public void cancel(long upstreamId, String reason) {
    Long round = bridgedRounds.remove(upstreamId);
    if (client != null && upstreamId >= 0) {
      client.cancel(round != null ? round : upstreamId, reason);
    }
  }

  private Future<Void> connect(TransportType type) {
    vertx.cancelTimer(restartTimer);
    setState(UpstreamState.CONNECTING);
    if (type == TransportType.STREAMABLE_HTTP && config.protocol() == ServerConfig.Protocol.AUTO) {
      ModernHttpTransport modern = transports.createModern(config);
      if (modern != null) {
        return connectModern(modern, true);
      }
    }
    return connectLegacy(type);
  }

  private Future<Void> connectLegacy(TransportType type) {
    UpstreamClient attempt = new UpstreamClient(vertx, name(), transports.create(config, type), new ClientListener());
    client = attempt;
    return attempt.start()
        .compose(v -> initialize(attempt))
        .compose(init -> listAll(attempt, init))
        .timeout(config.startupTimeoutMs(), TimeUnit.MILLISECONDS)
        .compose(connected -> onConnected(attempt, type, connected), error -> onConnectFailed(attempt, type, error));
  }

  /**
   * Connects over 2026-07-28: {@code server/discover}, then the lists. When {@code probing}, a server that does not
   * answer as a modern one is connected the legacy way instead; otherwise a failure is a failed connection.
   */
  private Future<Void> connectModern(ModernHttpTransport transport, boolean probing) {
    declaredCapabilities = events.clientCapabilities(this);
    transport.configure(declaredCapabilities, this::toolInputSchema);
    UpstreamClient attempt = new UpstreamClient(vertx, name(), transport, new ClientListener());
    client = attempt;
    return attempt.start()
        .compose(v -> discover(attempt, probing))
        .compose(result -> listAll(attempt, ModernDiscovery.asInitializeResult(result)))
        .timeout(config.startupTimeoutMs(), TimeUnit.MILLISECONDS)
        .compose(connected -> {
          transport.listen(ModernDiscovery.listenFilter(connected.capabilities()));
          return onConnected(attempt, TransportType.STREAMABLE_HTTP, connected);
        }, error -> error instanceof ModernDiscovery.NotModern && probing && client == attempt
            ? connectLegacy(TransportType.STREAMABLE_HTTP)
            : onConnectFailed(attempt, TransportType.STREAMABLE_HTTP, error));
  }

  /**
   * The server's {@code server/discover} answer when it speaks 2026-07-28. A probe fails with
   * {@link ModernDiscovery.NotModern} on any other outcome, soon, so that a legacy server's connection is not held up.
   */
  private Future<JsonObject> discover(UpstreamClient attempt, boolean probing) {
    long timeout = probing ? Math.min(DISCOVER_PROBE_TIMEOUT_MS, config.startupTimeoutMs()) : config.startupTimeoutMs();
    Future<JsonObject> discovered = attempt.request(Modern.SERVER_DISCOVER, new JsonObject(), timeout)
        .compose(result -> ModernDiscovery.speaksModern(result)
            ? Future.succeededFuture(result) : Future.failedFuture(new ModernDiscovery.NotModern(result)));
    if (!probing) {
      return discovered;
    }
    return discovered.recover(error -> {
      attempt.close();
      if (client != attempt) {
        return Future.failedFuture(error);
      }
      LOG.debug("upstream '{}' is not a 2026-07-28 server ({}); initializing", name(), describe(error));
      return Future.failedFuture(new ModernDiscovery.NotModern(null));
    });
  }

  /** The {@code inputSchema} of one of the server's tools, by the name the server gave it (for {@code x-mcp-header}). */
  private JsonObject toolInputSchema(String toolName) {
    for (JsonObject tool : catalog.list(ListKind.TOOLS)) {
      if (toolName.equals(tool.getValue("name"))) {
        return tool.getValue("inputSchema") instanceof JsonObject schema ? schema : null;
      }
    }
    return null;
  }

  private Future<Void> onConnected(UpstreamClient attempt, TransportType type, UpstreamCatalog connected) {
    if (client != attempt) {
      return attempt.close();
    }
    catalog = connected;
    activeTransport = type;
    connectedAt = System.currentTimeMillis();
    lastError = null;
    setState(UpstreamState.CONNECTED);
    LOG.info("upstream '{}' connected: {} tools, {} prompts, {} resources ({} {}, protocol {})", name(),
        connected.list(ListKind.TOOLS).size(), connected.list(ListKind.PROMPTS).size(),
        connected.list(ListKind.RESOURCES).size(), connected.serverInfo().getString("name", "?"),
        connected.serverInfo().getString("version", "?"), connected.protocolVersion());
    events.catalogChanged(this, EnumSet.allOf(ListKind.class));
    return Future.succeededFuture();
  }

  private Future<Void> onConnectFailed(UpstreamClient attempt, TransportType type, Throwable error) {
    attempt.close();
    if (client != attempt) {
      return Future.succeededFuture();
    }
    if (type == TransportType.STREAMABLE_HTTP && config.protocol() == ServerConfig.Protocol.AUTO
        && !(attempt.transport() instanceof ModernHttpTransport) && ModernDiscovery.asksForModern(error)) {
      ModernHttpTransport modern = transports.createModern(config);
      if (modern != null) {
        LOG.info("upstream '{}' speaks only {}; switching to it", name(), error.getMessage());
        return connectModern(modern, false);
      }
    }
    if (type == TransportType.STREAMABLE_HTTP && !config.explicitType() && HttpStatusException.isClientError(error)) {
      LOG.info("upstream '{}' refused Streamable HTTP ({}); trying the HTTP+SSE transport", name(), error.getMessage());
      return connect(TransportType.SSE);
    }
    lastError = describe(error);
    LOG.warn("upstream '{}' failed to start: {}", name(), lastError);
    client = null;
    setState(UpstreamState.DISCONNECTED);
    scheduleRestart();
    return Future.succeededFuture();
  }

  private Future<JsonObject> initialize(UpstreamClient target) {
    declaredCapabilities = events.clientCapabilities(this);
    JsonObject params = new JsonObject()
        .put("protocolVersion", ProtocolVersions.LATEST)
        .put("capabilities", declaredCapabilities.copy())
        .put("clientInfo", new JsonObject().put("name", "mcp-hub").put("version", HubVersion.get()));
    return target.request(McpMethods.INITIALIZE, params, config.startupTimeoutMs()).compose(result -> {
      String version = result.getString("protocolVersion");
      if (!ProtocolVersions.isSupported(version)) {
        return Future.failedFuture(new McpException(JsonRpc.INTERNAL_ERROR,
            "server answered with unsupported protocol version " + version + "; supported: " + ProtocolVersions.SUPPORTED));
      }
      target.transport().protocolVersion(version);
      target.notify(McpMethods.NOTIFICATION_INITIALIZED, null);
      return Future.succeededFuture(result);
    });
  }

  private Future<JsonObject> reinitialize(UpstreamClient target) {
    if (reinitializing == null) {
      reinitializing = initialize(target).onComplete(done -> reinitializing = null);
    }
    return reinitializing;
  }

  private Future<UpstreamCatalog> listAll(UpstreamClient target, JsonObject init) {
    JsonObject capabilities = init.getJsonObject("capabilities", new JsonObject());
    Map<ListKind, List<JsonObject>> lists = new EnumMap<>(ListKind.class);
    Future<Void> chain = Future.succeededFuture();
    for (ListKind kind : ListKind.values()) {
      if (capabilities.getValue(kind.capability()) != null) {
        chain = chain.compose(v -> listPages(target, kind).map(items -> {
          lists.put(kind, items);
          return null;
        }));
      }
    }
    return chain.map(v -> new UpstreamCatalog(capabilities, init.getJsonObject("serverInfo", new JsonObject()),
        init.getValue("instructions") instanceof String text ? text : "", init.getString("protocolVersion"), lists));
  }

  private Future<List<JsonObject>> listPages(UpstreamClient target, ListKind kind) {
    return nextPage(target, kind, null, new ArrayList<>(), 0).recover(error -> {
      LOG.warn("upstream '{}' failed {}: {}", name(), kind.method(), describe(error));
      return Future.succeededFuture(List.of());
    });
  }

  private Future<List<JsonObject>> nextPage(UpstreamClient target, ListKind kind, String cursor,
      List<JsonObject> items, int page) {
    JsonObject params = cursor == null ? new JsonObject() : new JsonObject().put("cursor", cursor);
    return target.request(kind.method(), params, config.requestTimeoutMs()).compose(result -> {
      JsonArray array = result.getJsonArray(kind.resultKey(), new JsonArray());
      boolean modern = target.transport() instanceof ModernHttpTransport;
      array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
          .filter(item -> !(modern && kind == ListKind.TOOLS) || validHeaders(item)).forEach(items::add);
      String next = result.getString("nextCursor");
      if (next != null && !next.isEmpty() && page + 1 < MAX_PAGES) {
        return nextPage(target, kind, next, items, page + 1);
      }
      return Future.succeededFuture(items);
    });
  }

  /** A 2026-07-28 client must leave out a tool whose {@code x-mcp-header} declarations break the rules (and say so). */
  private boolean validHeaders(JsonObject tool) {
    String problem = ModernRequests.invalidHeaderDeclaration(tool);
    if (problem != null) {
      LOG.warn("upstream '{}' tool '{}' left out: {}", name(), tool.getValue("name"), problem);
    }
    return problem == null;
  }

  /**
   * Lists {@code kind} again after the server said it changed. A flood of {@code list_changed} is coalesced: while
   * one listing is under way, further notices only mark the list stale, and one more listing follows it.
   */
  private void refresh(ListKind kind) {
    UpstreamClient current = client;
    if (current == null || state != UpstreamState.CONNECTED) {
      return;
    }
    if (!refreshing.add(kind)) {
      stale.add(kind);
      return;
    }
    listPages(current, kind).onComplete(done -> {
      refreshing.remove(kind);
      if (client == current && done.succeeded()) {
        catalog = catalog.with(kind, done.result());
        events.catalogChanged(this, Set.of(kind));
      }
      if (stale.remove(kind)) {
        refresh(kind);
      }
    });
  }

  private void onClosed(String reason) {
    if (state == UpstreamState.STOPPED) {
      return;
    }
    lastError = reason;
    LOG.warn("upstream '{}' {}; its in-flight calls failed", name(), reason);
    client = null;
    dropCatalog();
    setState(UpstreamState.DISCONNECTED);
    scheduleRestart();
  }

  private void scheduleRestart() {
    if (state == UpstreamState.STOPPED || state == UpstreamState.DISABLED) {
      return;
    }
    if (connectedAt > 0 && System.currentTimeMillis() - connectedAt >= STABLE_AFTER_MS) {
      failuresInARow = 0;
    }
    connectedAt = 0;
    long delay = backoffDelay(failuresInARow++);
    LOG.info("upstream '{}' restarts in {} ms (attempt {})", name(), delay, failuresInARow);
    restartTimer = vertx.setTimer(delay, t -> {
      restarts++;
      connect(activeTransport());
    });
  }

  long backoffDelay(int failures) {
    long base = restartPolicy.initialDelayMs() << Math.min(failures, 20);
    long capped = Math.min(base, restartPolicy.maxDelayMs());
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Math.max(1, (long) (capped * jitter));
  }

  private void dropCatalog() {
    boolean hadLists = !catalog.lists().isEmpty();
    catalog = UpstreamCatalog.EMPTY;
    if (hadLists) {
      events.catalogChanged(this, EnumSet.allOf(ListKind.class));
    }
  }

  private void setState(UpstreamState next) {
    if (state != next) {
      state = next;
      events.stateChanged(this);
    }
  }

  private McpException notConnected() {
    String detail = lastError == null ? "" : "; last error: " + lastError;
    return new McpException(JsonRpc.UPSTREAM_UNAVAILABLE,
        "upstream server '" + name() + "' is not connected (" + state.label() + detail + ")");
  }

  static String describe(Throwable error) {
    if (error instanceof java.util.concurrent.TimeoutException) {
      return "no answer to initialize within the startup timeout";
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  private final class ClientListener implements UpstreamClient.Listener {
    @Override
    public void onNotification(JsonObject notification) {
      switch (notification.getString("method")) {
        case McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED -> refresh(ListKind.TOOLS);
        case McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED -> refresh(ListKind.PROMPTS);
        case McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED -> {
          refresh(ListKind.RESOURCES);
          refresh(ListKind.RESOURCE_TEMPLATES);
        }
        default -> events.notification(Upstream.this, notification);
      }
    }

    @Override
    public RequestOrigin originForUntiedRequest(String method) {
      return events.originForUntiedRequest(Upstream.this, method);
    }

    @Override
    public boolean declared(String capability) {
      return declaredCapabilities.getValue(capability) != null;
    }

    @Override
    public void onClosed(String reason) {
      Upstream.this.onClosed(reason);
    }
  }
}
