package io.mcphub.gateway.http;

import io.mcphub.gateway.auth.JwtVerifier;
import io.mcphub.gateway.auth.OAuthOptions;
import io.mcphub.gateway.categorize.CategorizerDeployment;
import io.mcphub.gateway.categorize.PromptAnalyzer;
import io.mcphub.gateway.config.HubOptions;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.redact.Redaction;
import io.vertx.core.Vertx;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every HTTP route of the hub, in one place. */
public final class HubRouter {

  public static final String MCP_PATH = "/mcp";
  public static final String SSE_PATH = "/sse";

  private static final Logger LOG = LoggerFactory.getLogger(HubRouter.class);
  /** The DNS-rebinding guard runs before every other route, health and metrics included. */
  private static final int GUARD_ORDER = -1_000;

  private HubRouter() {
  }

  /** The prompt-filtering parts the admin routes report on. */
  public record Filtering(CategorizerDeployment categorizers, java.util.function.Supplier<PromptAnalyzer> analyzer) {
  }

  /** Pieces the verticle owns: what the admin routes publish through, and the OAuth token check (null without OAuth). */
  public record Admin(io.vertx.ext.healthchecks.HealthChecks healthChecks, io.mcphub.gateway.metrics.HubMetrics metrics,
      EventsApi events, JwtVerifier oauth) {
  }

  public static Router create(Vertx vertx, Hub hub, McpDispatcher dispatcher, HubOptions options, Filtering filtering,
      Admin admin) {
    io.vertx.ext.healthchecks.HealthChecks healthChecks = admin.healthChecks();
    io.mcphub.gateway.metrics.HubMetrics metrics = admin.metrics();
    SessionAccess sessions = new SessionAccess(hub);
    LegacySseHandler legacy = new LegacySseHandler(hub, sessions, dispatcher);
    StreamableHttpHandler streamable = new StreamableHttpHandler(hub, sessions, dispatcher, legacy,
        new ModernHttpHandler(hub, dispatcher, options.authenticates()));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
    Router router = Router.router(vertx);
    OriginGuard guard = new OriginGuard(options.allowedOrigins(), options.host());
    router.route().order(GUARD_ORDER).handler(guard);
    if (options.authenticates()) {
      protect(router, options, admin.oauth());
    } else if (!Authority.isLoopbackHost(options.host())) {
      LOG.warn("the hub listens on {} with no hub.auth.tokens: anyone who can reach it can use every upstream tool",
          options.host());
    }
    router.post(MCP_PATH).handler(body).handler(streamable::post);
    router.get(MCP_PATH).handler(streamable::get);
    router.delete(MCP_PATH).handler(streamable::delete);
    routeViews(router, hub, streamable, body);
    router.get(SSE_PATH).handler(legacy::open);
    router.post(LegacySseHandler.MESSAGES_PATH).handler(body).handler(legacy::post);
    HealthCheckHandler health = HealthCheckHandler.createWithHealthChecks(healthChecks)
        .resultMapper(io.mcphub.gateway.health.HubHealth::degraded);
    router.get("/health").handler(health);
    router.get("/api/health").order(-1).handler(health);
    router.get("/metrics").handler(metrics.scrapeHandler());
    router.get("/api/tools").handler(new ToolsApi(hub)::list);
    router.get("/api/events").handler(admin.events()::open);
    AdminApi servers = new AdminApi(hub);
    BodyHandler adminBody = BodyHandler.create(false).setBodyLimit(64 * 1024);
    router.get("/api/servers").handler(servers::servers);
    router.post("/api/servers/info").handler(adminBody).handler(servers::info);
    router.post("/api/servers/start").handler(adminBody).handler(servers::start);
    router.post("/api/servers/stop").handler(adminBody).handler(servers::stop);
    router.post("/api/servers/restart").handler(adminBody).handler(servers::restart);
    router.get("/api/sessions").handler(servers::sessions);
    router.get("/api/filtering/stats").handler(new FilteringApi(hub, filtering)::stats);
    router.post(ViewsApi.PATH).handler(adminBody).handler(new ViewsApi(hub, dispatcher)::create);
    router.route().failureHandler(ctx -> onFailure(ctx, guard, options.maxBodyBytes()));
    return router;
  }

  /** View URLs: the Streamable HTTP endpoint again, behind a check that the view exists and is the caller's. */
  private static void routeViews(Router router, Hub hub, StreamableHttpHandler streamable, BodyHandler body) {
    router.route(ViewRoute.PATH).handler(new ViewRoute(hub.exposure())::resolve);
    router.post(ViewRoute.PATH).handler(body).handler(streamable::post);
    router.get(ViewRoute.PATH).handler(streamable::get);
    router.delete(ViewRoute.PATH).handler(streamable::delete);
  }

  /**
   * Puts the bearer check in front of the MCP endpoints, the admin API and (with {@code protectMetrics}) /metrics;
   * with OAuth, serves the RFC 9728 metadata (open) at the well-known path and its path-suffixed forms.
   */
  private static void protect(Router router, HubOptions options, JwtVerifier oauth) {
    BearerAuth clients = new BearerAuth(options.authTokens(), oauth, false);
    BearerAuth operators = new BearerAuth(options.authTokens(), oauth, true);
    for (String path : new String[] {MCP_PATH, ViewRoute.PATH, SSE_PATH, LegacySseHandler.MESSAGES_PATH}) {
      router.route(path).handler(clients);
    }
    router.route("/api/*").handler(operators);
    if (options.protectMetrics()) {
      router.route("/metrics").handler(operators);
    }
    if (oauth != null) {
      ProtectedResourceMetadata metadata = new ProtectedResourceMetadata(oauth.options());
      Set<String> paths = new LinkedHashSet<>(List.of(OAuthOptions.METADATA_PATH, OAuthOptions.METADATA_PATH + MCP_PATH,
          OAuthOptions.METADATA_PATH + SSE_PATH, URI.create(oauth.options().metadataUrl()).getRawPath()));
      paths.forEach(path -> router.get(path).handler(metadata));
    }
  }

  private static void onFailure(RoutingContext ctx, OriginGuard guard, long maxBodyBytes) {
    int status = ctx.statusCode();
    String refusal = status == 400 ? guard.refusal(ctx.request()) : null;
    if (refusal != null) {
      HttpErrors.send(ctx.response(), 403, JsonRpc.INVALID_REQUEST, refusal);
      return;
    }
    if (status == 413) {
      HttpErrors.send(ctx.response(), 413, JsonRpc.INVALID_REQUEST,
          "Payload Too Large: the body exceeds " + maxBodyBytes + " bytes (hub.maxBodyBytes)");
      return;
    }
    if (status >= 400 && status < 500) {
      HttpErrors.send(ctx.response(), status, JsonRpc.INVALID_REQUEST, "HTTP " + status);
      return;
    }
    String reference = Redaction.reference();
    LOG.error("internal error [ref {}] on {} {}", reference, ctx.request().method(), ctx.request().path(), ctx.failure());
    HttpErrors.send(ctx.response(), 500, JsonRpc.INTERNAL_ERROR, "internal error (ref " + reference + ")");
  }
}
