package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.metrics.HubMetrics;
import io.mcphub.gateway.session.InFlightCall;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.session.SessionStore;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.tools.IndexedTool;
import io.mcphub.gateway.tools.ToolCategorizer;
import io.mcphub.gateway.tools.ToolIndex;
import io.mcphub.gateway.upstream.ListKind;
import io.mcphub.gateway.upstream.RequestOrigin;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamEvents;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub's shared state — upstreams, the merged registry, sessions, resource subscriptions — and
 * the fan-out of what upstreams say to the sessions it concerns. Confined to the hub's context.
 */
public final class Hub implements UpstreamEvents, io.mcphub.gateway.categorize.CatalogSource, ResourceSubscriptions,
    SessionToolLists {

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  private final Vertx vertx;
  private final SessionStore sessions;
  /** Read once: the single-node path does nothing for the cluster beyond reading this field. */
  private final boolean clustered;
  private final ExposurePolicy exposure;
  private final List<Upstream> upstreams = new ArrayList<>();
  private final CapabilityRegistry registry;
  private final ToolIndex toolIndex;
  private final Map<String, Set<Session>> subscriptions = new HashMap<>();
  private final List<Runnable> toolsChangedListeners = new ArrayList<>();
  private final List<java.util.function.BiConsumer<Upstream, Set<ListKind>>> catalogListeners = new ArrayList<>();
  private HubMetrics metrics;
  private ClientInstances instances;
  private Forwarding forwarding;
  private ModernListeners modernListeners;
  /** The level the shared upstreams were last asked to log at (null: never asked). */
  private String sharedLogLevel;

  public Hub(Vertx vertx, SessionStore sessions, ExposurePolicy exposure, ToolCategorizer toolCategorizer) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.clustered = sessions.shared();
    this.exposure = exposure;
    this.registry = new CapabilityRegistry(Collections.unmodifiableList(upstreams), toolCategorizer);
    this.toolIndex = ToolIndex.create(vertx);
    onToolsChanged(this::reindexTools);
  }

  public ExposurePolicy exposure() {
    return exposure;
  }

  Vertx vertx() {
    return vertx;
  }

  /** Where list changes reach 2026-07-28 clients ({@code subscriptions/listen}); set once by the dispatcher. */
  void modernListeners(ModernListeners listeners) {
    this.modernListeners = listeners;
  }

  /** The {@code subscriptions/listen} streams of 2026-07-28 clients (null until a dispatcher exists). */
  public ModernListeners modernListeners() {
    return modernListeners;
  }

  /**
   * Ends the transient session of one 2026-07-28 request. When its client went away before the answer ({@code
   * cancelled}: on that revision closing the response stream is the cancellation), its upstream calls are cancelled.
   */
  public void endRequest(Session session, boolean cancelled) {
    Map<Object, InFlightCall> inFlight = session.close();
    if (cancelled) {
      inFlight.values().forEach(call -> call.upstream().cancel(call.upstreamId(), "the client closed the response stream"));
    }
  }

  /** Where the hub reports metrics; set once by the verticle before serving. */
  public void metrics(HubMetrics hubMetrics) {
    this.metrics = hubMetrics;
    hubMetrics.sessionsGauge(sessions::size);
  }

  public HubMetrics metrics() {
    return metrics;
  }

  /**
   * How the hub builds the upstream instances that serve one client each (servers with {@code "isolation":
   * "per-client"}); set once by the verticle before serving.
   */
  public void instanceFactory(java.util.function.BiFunction<ServerConfig, UpstreamEvents, Upstream> factory) {
    this.instances = new ClientInstances(vertx, factory, this);
    this.forwarding = new Forwarding(instances);
  }

  /** Sends client requests to the upstream instance that serves the client. */
  Forwarding forwarding() {
    return forwarding;
  }

  /** How many per-client instances of a server run now (for health and tests). */
  public int clientInstances(String serverName) {
    return instances.count(serverName);
  }

  @Override
  public void callCompleted(Upstream upstream, String method, long nanos, boolean failed) {
    metrics.upstreamCall(upstream.name(), method, nanos, failed);
  }

  /** The upstream tools the session sees now, in list order (meta tools not included). */
  @Override
  public List<String> visibleToolNames(Session session) {
    List<String> names = new ArrayList<>();
    java.util.function.Predicate<CatalogEntry> visible = exposure.visibleTo(session);
    for (CatalogEntry tool : registry.tools()) {
      if (visible.test(tool)) {
        names.add(tool.name());
      }
    }
    return names;
  }

  /**
   * Tells a session its tool list changed, through {@code origin} (ahead of the response that changed it); without
   * session isolation every other session's list changed too, so each is told on its own stream (except a view's
   * sessions: a view's list never changes).
   */
  @Override
  public void notifyToolsChanged(Session session, RequestOrigin origin) {
    JsonObject notification = JsonRpc.notification(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, null);
    origin.notify(notification);
    if (!exposure.sessionIsolation()) {
      for (Session other : sessions.all()) {
        if (other != session && other.state() == Session.State.OPERATING && !exposure.fixed(other)) {
          other.send(notification);
        }
      }
    }
  }

  public void addUpstream(Upstream upstream) {
    upstreams.add(upstream);
  }

  /**
   * Drops an upstream (a server removed or changed in the config) and stops its per-client instances; the caller
   * stops the upstream itself. Call {@link #recategorized()} afterwards.
   */
  public Future<Void> removeUpstream(Upstream upstream) {
    upstreams.remove(upstream);
    return instances.closeServer(upstream.name());
  }

  /** Stops every per-client upstream instance (shutdown; the shared instances are the caller's). */
  public Future<Void> closeClientInstances() {
    return instances.closeAll();
  }

  public List<Upstream> upstreams() {
    return Collections.unmodifiableList(upstreams);
  }

  @Override
  public CapabilityRegistry registry() {
    return registry;
  }

  /** The search index of every upstream tool, rebuilt off the event loop whenever the merged tool list changes. */
  public ToolIndex toolIndex() {
    return toolIndex;
  }

  private void reindexTools() {
    List<IndexedTool> tools = new ArrayList<>(registry.toolCount());
    registry.tools().forEach(tool -> tools.add(IndexedTool.of(tool)));
    toolIndex.update(tools);
  }

  public SessionStore sessions() {
    return sessions;
  }

  /** Opens a session bound to {@code owner}, the principal of the request that opened it (null without auth). */
  public Session openSession(Session.Transport transport, String owner) {
    Session session = new Session(vertx, Session.newId(), transport, owner);
    sessions.put(session);
    return session;
  }

  /** The client ended the session (DELETE): on a clustered hub every node forgets it; then as {@link #closeSession}. */
  public void endSession(String id) {
    sessions.end(id);
    closeSession(id);
  }

  /**
   * Completes once what a request changed in {@code session} (its record, exposure, handles it minted) is where every
   * node of a cluster reads it; at once alone.
   */
  public Future<Void> settle(Session session) {
    if (!clustered) {
      return Future.succeededFuture();
    }
    return Future.all(sessions.save(session), exposure.flush(session)).mapEmpty();
  }

  /** Whether this hub is a node of a cluster (its session store is shared with other nodes). */
  public boolean clustered() {
    return clustered;
  }

  /** Ends this node's copy of a session: cancels its upstream calls, drops its subscriptions, closes its stream. */
  public void closeSession(String id) {
    Session session = sessions.remove(id);
    if (session == null) {
      return;
    }
    Map<Object, InFlightCall> inFlight = session.close();
    exposure.forget(session);
    inFlight.values().forEach(call -> call.upstream().cancel(call.upstreamId(), "client session ended"));
    new ArrayList<>(subscriptions.keySet()).forEach(uri -> unsubscribe(session, uri));
    instances.closeClient(session);
    if (session.logLevel() != null) {
      applyLogLevel(false);
    }
    LOG.debug("session {} ended ({} calls cancelled)", session.handle(), inFlight.size());
  }

  /**
   * A reloaded {@code toolFiltering} may change what every 2026-07-28 client lists (its list is a function of the config);
   * their listen streams are told. Legacy sessions were told by {@link #rebuildAndNotify} from their own listings.
   */
  public void filteringReconfigured() {
    if (modernListeners != null) {
      modernListeners.listsChanged(Set.of(ListKind.TOOLS));
    }
  }

  /** Subscribes a session; the upstream is asked only for the first subscriber of a URI. */
  @Override
  public boolean subscribe(Session session, String uri) {
    Set<Session> subscribers = subscriptions.computeIfAbsent(uri, u -> new LinkedHashSet<>());
    boolean first = subscribers.isEmpty();
    subscribers.add(session);
    return first;
  }

  /** Unsubscribes a session; tells the owning upstream when the last subscriber leaves. */
  @Override
  public void unsubscribe(Session session, String uri) {
    Set<Session> subscribers = subscriptions.get(uri);
    if (subscribers == null || !subscribers.remove(session) || !subscribers.isEmpty()) {
      return;
    }
    subscriptions.remove(uri);
    Upstream owner = registry.resourceOwner(uri);
    if (owner != null && !owner.config().isolation().perClient()) {
      owner.call(McpMethods.RESOURCES_UNSUBSCRIBE, new JsonObject().put("uri", uri), null);
    }
  }

  public Upstream upstream(String name) {
    return upstreams.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
  }

  /** A server an operator stopped takes its per-client instances with it. */
  @Override
  public void stateChanged(Upstream upstream) {
    LOG.debug("upstream '{}' is {}", upstream.name(), upstream.state().label());
    if (upstream.state() == UpstreamState.STOPPED && instances != null) {
      instances.closeServer(upstream.name());
    }
  }

  /** Listeners told of each upstream whose lists changed (for /api/events). */
  public void onCatalogChanged(java.util.function.BiConsumer<Upstream, Set<ListKind>> listener) {
    catalogListeners.add(listener);
  }

  /** Listeners told after the merged tool list changed (e.g. the background tool categorizer). */
  @Override
  public void onToolsChanged(Runnable listener) {
    toolsChangedListeners.add(listener);
  }

  /** A tool's category changed: rebuild and tell the sessions whose list changed. */
  @Override
  public void recategorized() {
    rebuildAndNotify(listings());
  }

  /** What every operating session lists now (meta tools included): take it before a change, pass it to {@link #rebuildAndNotify}. */
  public Map<Session, List<String>> listings() {
    Map<Session, List<String>> listings = new HashMap<>();
    for (Session session : sessions.all()) {
      if (session.state() == Session.State.OPERATING) {
        listings.put(session, listing(session));
      }
    }
    return listings;
  }

  /** Rebuilds the registry and tells each session whose listing differs from {@code before}. */
  public void rebuildAndNotify(Map<Session, List<String>> before) {
    Set<ListKind> changed = registry.rebuild();
    if (changed.contains(ListKind.TOOLS)) {
      toolsChangedListeners.forEach(Runnable::run);
    }
    JsonObject notification = JsonRpc.notification(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, null);
    before.forEach((session, names) -> {
      if (!listing(session).equals(names)) {
        session.send(notification);
      }
    });
    if (modernListeners != null) {
      modernListeners.listsChanged(changed);
    }
    if (changed.contains(ListKind.PROMPTS)) {
      broadcast(McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED);
    }
    if (changed.contains(ListKind.RESOURCES)) {
      broadcast(McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
    }
  }

  private List<String> listing(Session session) {
    List<String> names = visibleToolNames(session);
    if (exposure.listsMetaTools()) {
      names.add(0, "hub__*");
    }
    return names;
  }

  @Override
  public void catalogChanged(Upstream upstream, Set<ListKind> kinds) {
    rebuildAndNotify(listings());
    catalogListeners.forEach(listener -> listener.accept(upstream, kinds));
  }

  @Override
  public void notification(Upstream upstream, JsonObject notification) {
    String method = notification.getString("method");
    JsonObject params = notification.getJsonObject("params", new JsonObject());
    if (McpMethods.NOTIFICATION_RESOURCES_UPDATED.equals(method)) {
      for (Session session : subscriptions.getOrDefault(params.getString("uri"), Set.of())) {
        session.send(notification);
      }
    } else if (McpMethods.NOTIFICATION_MESSAGE.equals(method)) {
      for (Session session : sessions.all()) {
        // a server outside the session's grant is not one it may hear from
        if (session.grant().allowsServer(upstream.name()) && LogLevels.asked(session, notification)) {
          session.send(notification);
        }
      }
    } else {
      LOG.debug("upstream '{}' sent {}; not relayed", upstream.name(), method);
    }
  }

  /** A shared instance serves every client: a request tied to none of them is refused, never guessed. */
  @Override
  public RequestOrigin originForUntiedRequest(Upstream upstream, String method) {
    return null;
  }

  /** A client's roots changed: only the instances that serve that client alone are told; shared ones never see roots. */
  public void rootsChanged(Session session) {
    instances.of(session).forEach(instance -> instance.notify(McpMethods.NOTIFICATION_ROOTS_LIST_CHANGED, null));
  }

  /**
   * A client set its log level: its own per-client instances log at that level; a shared instance logs at the most
   * verbose level any client asked for, and each client receives only what is at or above its own.
   */
  void logLevelChanged(Session session) {
    JsonObject params = new JsonObject().put("level", session.logLevel());
    instances.of(session).forEach(instance -> setLevel(instance, params));
    applyLogLevel(true);
  }

  /**
   * Asks the shared upstreams for the most verbose level any client set: when a client sets a level ({@code always}),
   * else only if that level changed (a session that set one ended).
   */
  private void applyLogLevel(boolean always) {
    String level = LogLevels.mostVerbose(sessions.all());
    if (level == null || !always && level.equals(sharedLogLevel)) {
      return;
    }
    sharedLogLevel = level;
    JsonObject params = new JsonObject().put("level", level);
    upstreams.stream().filter(upstream -> !upstream.config().isolation().perClient())
        .forEach(upstream -> setLevel(upstream, params));
  }

  private static void setLevel(Upstream upstream, JsonObject params) {
    if (upstream.state() == UpstreamState.CONNECTED && upstream.catalog().hasCapability("logging")) {
      upstream.call(McpMethods.LOGGING_SET_LEVEL, params.copy(), null);
    }
  }

  private void broadcast(String method) {
    JsonObject notification = JsonRpc.notification(method, null);
    for (Session session : sessions.all()) {
      if (session.state() == Session.State.OPERATING) {
        session.send(notification);
      }
    }
  }
}
