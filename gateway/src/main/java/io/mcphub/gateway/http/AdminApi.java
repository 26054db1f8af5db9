package io.mcphub.gateway.http;

import io.mcphub.categorizer.Secrets;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.redact.Redaction;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.ListKind;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API for servers and sessions, in MCP Hub's shapes: {@code GET /api/servers}, {@code POST
 * /api/servers/info|start|stop|restart} with {@code {"server_name": ...}}, {@code GET /api/sessions}. Errors are
 * {@code {status: "error", error, code, timestamp}} with 400 or 404, and 502 {@code SERVER_START_FAILED} (with the
 * server's info) when a start or restart did not bring the server up. Sessions are shown by their public
 * {@code handle}, never by their id: the id is a secret of the client that opened the session.
 */
final class AdminApi {

  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

  private final Hub hub;

  AdminApi(Hub hub) {
    this.hub = hub;
  }

  void servers(RoutingContext ctx) {
    JsonArray servers = new JsonArray();
    hub.upstreams().forEach(upstream -> servers.add(info(upstream)));
    ok(ctx, new JsonObject().put("servers", servers));
  }

  void info(RoutingContext ctx) {
    withServer(ctx, upstream -> Future.succeededFuture(upstream));
  }

  /**
   * Starts a server that is not connected now (stopped, disabled, waiting to restart or connecting: a new attempt
   * replaces the pending one) and answers once the attempt has ended; a start that fails is answered 502 with the reason.
   */
  void start(RoutingContext ctx) {
    withServer(ctx, upstream -> (upstream.state() == UpstreamState.CONNECTED
        ? Future.<Void>succeededFuture() : upstream.connectNow()).compose(v -> started(upstream)));
  }

  void stop(RoutingContext ctx) {
    withServer(ctx, upstream -> upstream.stop().map(upstream));
  }

  /** Stops and starts a server; a start that fails is answered 502 with the reason. */
  void restart(RoutingContext ctx) {
    withServer(ctx, upstream -> upstream.stop().compose(v -> upstream.connectNow()).compose(v -> started(upstream)));
  }

  /** Succeeds when the server is up; fails with why it is not, secrets removed, under a reference. */
  private static Future<Upstream> started(Upstream upstream) {
    if (upstream.state() == UpstreamState.CONNECTED) {
      return Future.succeededFuture(upstream);
    }
    String reference = Redaction.reference();
    String why = upstream.lastError() == null ? upstream.state().label() : Secrets.redact(upstream.lastError());
    LOG.warn("admin start of upstream '{}' failed [ref {}]: {}", upstream.name(), reference, why);
    return Future.failedFuture(new StartFailedException("server \"" + upstream.name() + "\" failed to start: " + why
        + " (ref " + reference + ")"));
  }

  /** A start the admin API asked for did not bring the server up. */
  private static final class StartFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartFailedException(String message) {
      super(message, null, false, false);
    }
  }

  void sessions(RoutingContext ctx) {
    JsonArray sessions = new JsonArray();
    for (Session session : hub.sessions().all()) {
      sessions.add(new JsonObject()
          .put("handle", session.handle())
          .put("transport", session.transport().name().toLowerCase(java.util.Locale.ROOT))
          .put("state", session.state().name().toLowerCase(java.util.Locale.ROOT))
          .put("protocolVersion", session.protocolVersion())
          .put("clientInfo", session.clientInfo())
          .put("exposedCategories", new JsonArray(java.util.List.copyOf(hub.exposure().exposed(session))))
          .put("visibleTools", hub.visibleToolNames(session).size())
          .put("inFlight", session.inFlightCount())
          .put("createdAt", Instant.ofEpochMilli(session.createdAt()).toString())
          .put("lastSeen", Instant.ofEpochMilli(session.lastSeen()).toString()));
    }
    ok(ctx, new JsonObject().put("sessions", sessions));
  }

  private void withServer(RoutingContext ctx, Function<Upstream, Future<Upstream>> action) {
    JsonObject body;
    try {
      body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      error(ctx, 400, "VALIDATION_ERROR", "the body must be a JSON object like {\"server_name\": \"filesystem\"}");
      return;
    }
    Object name = body == null ? null : body.getValue("server_name");
    if (!(name instanceof String serverName) || serverName.isBlank()) {
      error(ctx, 400, "VALIDATION_ERROR", "server_name is required, e.g. {\"server_name\": \"filesystem\"}");
      return;
    }
    Upstream upstream = hub.upstream(serverName);
    if (upstream == null) {
      error(ctx, 404, "SERVER_NOT_FOUND", "no server named \"" + serverName + "\"; servers: "
          + String.join(", ", hub.upstreams().stream().map(Upstream::name).toList()));
      return;
    }
    action.apply(upstream).onComplete(done -> {
      if (done.failed() && done.cause() instanceof StartFailedException failed) {
        error(ctx, 502, "SERVER_START_FAILED", failed.getMessage(), info(upstream));
      } else {
        ok(ctx, new JsonObject().put("status", "ok").put("server", info(upstream)));
      }
    });
  }

  private static JsonObject info(Upstream upstream) {
    JsonObject capabilities = new JsonObject();
    capabilities.put("tools", new JsonArray(upstream.catalog().list(ListKind.TOOLS)));
    capabilities.put("resources", new JsonArray(upstream.catalog().list(ListKind.RESOURCES)));
    capabilities.put("resourceTemplates", new JsonArray(upstream.catalog().list(ListKind.RESOURCE_TEMPLATES)));
    capabilities.put("prompts", new JsonArray(upstream.catalog().list(ListKind.PROMPTS)));
    long connectedAt = upstream.connectedAt();
    return new JsonObject()
        .put("name", upstream.name())
        .put("displayName", upstream.name())
        .put("transportType", upstream.activeTransport().configName())
        .put("protocolVersion", upstream.protocolVersion())
        .put("status", upstream.state().label())
        .put("error", upstream.lastError())
        .put("category", upstream.config().category())
        .put("capabilities", capabilities)
        .put("uptime", connectedAt == 0 ? 0 : (System.currentTimeMillis() - connectedAt) / 1000)
        .put("lastStarted", connectedAt == 0 ? null : Instant.ofEpochMilli(connectedAt).toString())
        .put("restarts", upstream.restarts())
        .put("serverInfo", upstream.catalog().serverInfo());
  }

  private static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", McpHeaders.JSON).end(body.put("timestamp", Instant.now().toString()).encode());
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    error(ctx, status, code, message, null);
  }

  private static void error(RoutingContext ctx, int status, String code, String message, JsonObject server) {
    JsonObject body = new JsonObject().put("status", "error").put("error", message).put("code", code);
    if (server != null) {
      body.put("server", server);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", McpHeaders.JSON)
        .end(body.put("timestamp", Instant.now().toString()).encode());
  }
}
