package io.mcphub.gateway.health;

import io.mcphub.gateway.categorize.CategorizerDeployment;
import io.mcphub.gateway.categorize.CategorizerStatus;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.upstream.HubVersion;
import io.mcphub.gateway.upstream.ListKind;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

/**
 * {@code /health}: one check for the hub itself (version, uptime, sessions) and one per upstream (state,
 * tool count, restarts, last error) and one per categorizer. UP (200) when every enabled upstream is connected and
 * every categorizer runs, DOWN (503) otherwise.
 */
public final class HubHealth {

  private static final long CHECK_TIMEOUT_MS = 1_000;

  private HubHealth() {
  }

  public static HealthCheckHandler handler(Vertx vertx, Hub hub, CategorizerDeployment categorizers) {
    long startedAt = System.currentTimeMillis();
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("hub", CHECK_TIMEOUT_MS, promise -> promise.complete(Status.OK(new JsonObject()
        .put("version", HubVersion.get())
        .put("uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000)
        .put("activeSessions", hub.sessions().size())
        .put("tools", hub.registry().toolCount()))));
    for (Upstream upstream : hub.upstreams()) {
      checks.register("upstream:" + upstream.name(), CHECK_TIMEOUT_MS, promise -> promise.complete(status(upstream)));
    }
    for (CategorizerStatus categorizer : categorizers.statuses()) {
      checks.register("categorizer:" + categorizer.name(), CHECK_TIMEOUT_MS, promise -> categorizers.health(categorizer)
          .onSuccess(data -> {
            boolean up = (Boolean) data.remove("up");
            promise.complete(up ? Status.OK(data) : Status.KO(data));
          }));
    }
    return HealthCheckHandler.createWithHealthChecks(checks);
  }

  private static Status status(Upstream upstream) {
    UpstreamState state = upstream.state();
    JsonObject data = new JsonObject()
        .put("state", state.label())
        .put("transport", upstream.activeTransport().configName())
        .put("tools", upstream.catalog().list(ListKind.TOOLS).size())
        .put("restarts", upstream.restarts());
    if (upstream.lastError() != null) {
      data.put("lastError", upstream.lastError());
    }
    boolean healthy = state == UpstreamState.CONNECTED || state == UpstreamState.DISABLED || state == UpstreamState.STOPPED;
    return healthy ? Status.OK(data) : Status.KO(data);
  }
}
