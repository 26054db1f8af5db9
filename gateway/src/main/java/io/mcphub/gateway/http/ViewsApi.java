package io.mcphub.gateway.http;

import io.mcphub.gateway.exposure.ExposureHandle;
import io.mcphub.gateway.mcp.Hub;
import io.mcphub.gateway.mcp.McpDispatcher;
import io.mcphub.gateway.session.Grant;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/views}: mints a view URL for clients that open one connection per task. {@code {"prompt": "..."}}
 * runs an analysis, as {@code hub__analyze_prompt} does, on a transient session (nothing but the handle outlives it);
 * {@code {"tools": ["server__tool", ...]}} mints a view of exactly those tools. Answers 201 {@code {exposureId, url,
 * tools, expiresAt}}; the view belongs to the requesting principal, like one an MCP client mints. Errors are the admin
 * API's {@code {status: "error", error, code, timestamp}}.
 */
final class ViewsApi {

  /** The admin API's code for a request it refuses as malformed or impossible. */
  private static final String INVALID = "VALIDATION_ERROR";

  static final String PATH = "/api/views";

  private final Hub hub;
  private final McpDispatcher dispatcher;

  ViewsApi(Hub hub, McpDispatcher dispatcher) {
    this.hub = hub;
    this.dispatcher = dispatcher;
  }

  void create(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    Object prompt = body == null ? null : body.getValue("prompt");
    Object tools = body == null ? null : body.getValue("tools");
    if (prompt instanceof String text && tools == null) {
      analyze(ctx, text);
    } else if (tools instanceof JsonArray names && prompt == null) {
      named(ctx, names);
    } else {
      AdminApi.error(ctx, 400, INVALID, "the body must be {\"prompt\": \"the user's request\"} or {\"tools\": [\"server__tool\", ...]}");
    }
  }

  private void analyze(RoutingContext ctx, String prompt) {
    if (!hub.exposure().promptBased()) {
      AdminApi.error(ctx, 409, INVALID, "analysing a prompt needs toolFiltering.mode prompt-based; mint a view of named tools with "
          + "{\"tools\": [...]} instead");
      return;
    }
    Session session = new Session(ctx.vertx(), Session.newId(), Session.Transport.MODERN, BearerAuth.principal(ctx));
    session.grant(BearerAuth.grant(ctx));
    dispatcher.analyze(session, prompt).onComplete(done -> {
      JsonObject result = done.succeeded() ? done.result() : null;
      if (result == null || result.getBoolean("isError", false)) {
        AdminApi.error(ctx, 400, INVALID, result == null ? "the analysis failed" : result.getJsonArray("content").getJsonObject(0).getString("text"));
        return;
      }
      JsonObject analysis = result.getJsonObject("structuredContent");
      List<String> names = analysis.getJsonArray("tools").stream().map(tool -> ((JsonObject) tool).getString("name")).toList();
      created(ctx, analysis.getString("exposureId"), names, analysis.getString("expiresAt"));
    });
  }

  private void named(RoutingContext ctx, JsonArray names) {
    Grant grant = BearerAuth.grant(ctx);
    Set<String> wanted = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    Set<String> categories = new LinkedHashSet<>();
    for (Object name : names) {
      CatalogEntry tool = name instanceof String text ? hub.registry().tool(text) : null;
      if (tool == null || !grant.allows(tool)) {
        unknown.add(String.valueOf(name));
      } else if (wanted.add(tool.name())) {
        categories.add(tool.category());
      }
    }
    if (!unknown.isEmpty() || wanted.isEmpty()) {
      AdminApi.error(ctx, 400, INVALID, wanted.isEmpty() && unknown.isEmpty() ? "tools must name at least one tool"
          : "unknown tools: " + String.join(", ", unknown) + " (GET /api/tools lists the tools, by namespacedName)");
      return;
    }
    ExposureHandle view = hub.exposure().handles().mint(BearerAuth.principal(ctx), categories, List.copyOf(wanted));
    created(ctx, view.id(), view.tools(), view.expiry().toString());
  }

  /** Answers 201 once the new handle is readable on every node (a clustered hub): a view URL works on any node. */
  private void created(RoutingContext ctx, String id, List<String> tools, String expiresAt) {
    hub.exposure().handles().flush().onComplete(flushed -> answerCreated(ctx, id, tools, expiresAt));
  }

  private static void answerCreated(RoutingContext ctx, String id, List<String> tools, String expiresAt) {
    String url = URI.create(ctx.request().absoluteURI()).resolve(ExposureHandle.VIEWS_PATH + id).toString();
    ctx.response().setStatusCode(201).putHeader("Content-Type", McpHeaders.JSON).putHeader("Location", url)
        .end(new JsonObject().put("exposureId", id).put("url", url).put("tools", new JsonArray(tools))
            .put("expiresAt", expiresAt).encode());
  }

}
