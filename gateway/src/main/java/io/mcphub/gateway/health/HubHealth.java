package io.mcphub.gateway.health;

import io.mcphub.gateway.categorize.CategorizerDeployment;
import io.mcphub.gateway.categorize.CategorizerStatus;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.upstream.HubVersion;
import io.mcphub.gateway.upstream.ListKind;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /health}: one check for the hub itself (version, uptime, sessions), one per upstream (state, tool count,
 * restarts, last error) and one per categorizer (its health, circuit state, last real error and when it happened).
 * UP (200) when every enabled upstream is connected and every essential categorizer runs and answers; DEGRADED (200,
 * with {@code "status": "DEGRADED"} and the {@code degraded} check ids) when the hub serves every request but a
 * categorizer fails and the heuristic answers for it (a rejected key, a quota, an open circuit, a provider that did
 * not start); DOWN (503) otherwise. A probe that restarts or unroutes on 503 so never acts on a provider outage the
 * hub rides out; monitoring alerts on {@code DEGRADED}. {@link #sync()} follows servers and categorizers that a
 * reloaded config adds or removes.
 */
public final class HubHealth {

  private static final long CHECK_TIMEOUT_MS = 1_000;
  private static final String UPSTREAM = "upstream:";
  private static final String CATEGORIZER = "categorizer:";
  /** The overall status when the hub serves but a categorizer fails. */
  public static final String DEGRADED = "DEGRADED";
  private static final String DEGRADED_KEY = "degraded";

  private final Hub hub;
  private final CategorizerDeployment categorizers;
  private final HealthChecks checks;
  private final Set<String> registered = new HashSet<>();

  public HubHealth(Vertx vertx, Hub hub, CategorizerDeployment categorizers) {
    this.hub = hub;
    this.categorizers = categorizers;
    this.checks = HealthChecks.create(vertx);
    long startedAt = System.currentTimeMillis();
    checks.register("hub", CHECK_TIMEOUT_MS, promise -> promise.complete(Status.OK(new JsonObject()
        .put("version", HubVersion.get())
        .put("uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000)
        .put("activeSessions", hub.sessions().size())
        .put("tools", hub.registry().toolCount()))));
  }

  /** Adds the {@code cluster} check of a clustered hub: this node and the members it sees now. */
  public void cluster(java.util.function.Supplier<JsonObject> members) {
    checks.register("cluster", CHECK_TIMEOUT_MS, promise -> promise.complete(Status.OK(members.get())));
  }

  public HealthChecks checks() {
    return checks;
  }

  /** Registers a check for every current upstream and categorizer, and drops the checks of those gone. */
  public void sync() {
    Set<String> current = new HashSet<>();
    for (Upstream upstream : hub.upstreams()) {
      String name = UPSTREAM + upstream.name();
      current.add(name);
      checks.unregister(name);
      checks.register(name, CHECK_TIMEOUT_MS, promise -> promise.complete(status(upstream)));
    }
    for (CategorizerStatus categorizer : categorizers.statuses()) {
      String name = CATEGORIZER + categorizer.name();
      current.add(name);
      checks.unregister(name);
      checks.register(name, CHECK_TIMEOUT_MS, promise -> categorizers.health(categorizer).onSuccess(data -> {
        boolean up = (Boolean) data.remove("up");
        promise.complete(up ? Status.OK(data) : Status.KO(data));
      }));
    }
    registered.stream().filter(name -> !current.contains(name)).forEach(checks::unregister);
    registered.clear();
    registered.addAll(current);
  }

  /**
   * For the {@code /health} handler's result mapper: an UP result with a degraded check becomes DEGRADED (still 200).
   */
  public static Future<CheckResult> degraded(CheckResult result) {
    List<String> degraded = result.getChecks() == null ? List.of() : result.getChecks().stream()
        .filter(check -> check.getData() != null && check.getData().getBoolean(DEGRADED_KEY, false)).map(CheckResult::getId).toList();
    return Future.succeededFuture(degraded.isEmpty() || !CheckResult.isUp(result) ? result : new Degraded(result, degraded));
  }

  /** An UP result whose JSON says DEGRADED and which checks are. */
  private static final class Degraded extends CheckResult {

    private final List<String> degraded;

    Degraded(CheckResult result, List<String> degraded) {
      this.degraded = degraded;
      setId(result.getId());
      setStatus(result.getStatus());
      setChecks(result.getChecks());
    }

    @Override
    public JsonObject toJson() {
      return super.toJson().put("status", DEGRADED).put("outcome", DEGRADED).put(DEGRADED_KEY, new JsonArray(degraded));
    }
  }

  private Status status(Upstream upstream) {
    UpstreamState state = upstream.state();
    JsonObject data = new JsonObject()
        .put("state", state.label())
        .put("transport", upstream.activeTransport().configName())
        .put("tools", upstream.catalog().list(ListKind.TOOLS).size())
        .put("restarts", upstream.restarts());
    if (upstream.config().isolation().perClient()) {
      data.put("clientInstances", hub.clientInstances(upstream.name()));
    }
    if (upstream.protocolVersion() != null) {
      data.put("protocol", upstream.protocolVersion());
    }
    if (upstream.lastError() != null) {
      data.put("lastError", upstream.lastError());
    }
    boolean healthy = state == UpstreamState.CONNECTED || state == UpstreamState.DISABLED || state == UpstreamState.STOPPED;
    return healthy ? Status.OK(data) : Status.KO(data);
  }
}
