package io.mcphub.gateway.bench;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.ProtocolVersions;
import io.mcphub.gateway.upstream.UpstreamTransport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An upstream server held in memory: one server of a toolsel {@code catalog.json} ({@code name}, {@code title},
 * {@code description}, {@code tools}). It answers {@code initialize} (the description as {@code instructions}) and
 * {@code tools/list} the way a real server would, so the hub lists its tools through its own upstream code.
 */
final class CatalogTransport implements UpstreamTransport {

  private final Context context;
  private final JsonObject server;
  private JsonArray tools;
  private MessageHandler handler;

  CatalogTransport(Context context, JsonObject server) {
    this.context = context;
    this.server = server;
    this.tools = server.getJsonArray("tools", new JsonArray());
  }

  /** Replaces the server's tools and announces it ({@code notifications/tools/list_changed}), as a live server would. */
  void changeTools(JsonArray next) {
    context.runOnContext(v -> {
      tools = next;
      handler.handle(new JsonObject().put("jsonrpc", "2.0").put("method", McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED), null);
    });
  }

  @Override
  public Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler) {
    this.handler = messageHandler;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> send(JsonObject message) {
    Object id = message.getValue("id");
    String method = message.getString("method");
    if (id == null || method == null) {
      return Future.succeededFuture();
    }
    JsonObject response = switch (method) {
      case McpMethods.INITIALIZE -> JsonRpc.result(id, new JsonObject().put("protocolVersion", ProtocolVersions.LATEST)
          .put("capabilities", new JsonObject().put("tools", new JsonObject()))
          .put("serverInfo", new JsonObject().put("name", server.getString("name")).put("version", "catalog")
              .put("title", server.getString("title")))
          .put("instructions", server.getString("description")));
      case McpMethods.TOOLS_LIST -> JsonRpc.result(id, new JsonObject().put("tools", tools.copy()));
      default -> JsonRpc.error(id, new McpException(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method));
    };
    context.runOnContext(v -> handler.handle(response, null));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
