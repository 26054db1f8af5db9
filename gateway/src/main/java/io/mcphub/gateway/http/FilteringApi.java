package io.mcphub.gateway.http;

import io.mcphub.gateway.categorize.CategorizerStatus;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.mcp.Hub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/filtering/stats}: the filtering mode and threshold, tool counts, the provider and every
 * categorizer's status (circuit, cache, last error), analysis counters and latency percentiles.
 */
final class FilteringApi {

  private final Hub hub;
  private final HubRouter.Filtering filtering;

  FilteringApi(Hub hub, HubRouter.Filtering filtering) {
    this.hub = hub;
    this.filtering = filtering;
  }

  void stats(RoutingContext ctx) {
    FilteringOptions options = hub.exposure().options();
    List<CategorizerStatus> statuses = filtering.categorizers().statuses();
    List<Future<JsonObject>> health = statuses.stream().map(filtering.categorizers()::health).toList();
    Future.join(health).onComplete(done -> {
      JsonObject categorizers = new JsonObject();
      for (int i = 0; i < statuses.size(); i++) {
        JsonObject status = health.get(i).succeeded() ? health.get(i).result().copy() : new JsonObject();
        status.remove("up");
        categorizers.put(statuses.get(i).name(), status);
      }
      JsonObject body = new JsonObject()
          .put("enabled", options.mode() != io.mcphub.gateway.config.FilteringMode.STATIC)
          .put("mode", options.mode().configName())
          .put("threshold", options.llm().confidenceThreshold())
          .put("provider", filtering.analyzer().get().providerName())
          .put("fallbackToHeuristic", options.llm().fallbackToHeuristic())
          .put("totalTools", hub.registry().toolCount())
          .put("sessions", hub.sessions().size())
          .put("categorizers", categorizers)
          .put("analysis", filtering.analyzer().get().stats().toJson())
          .put("timestamp", Instant.now().toString());
      ctx.response().putHeader("Content-Type", McpHeaders.JSON).end(body.encode());
    });
  }
}
