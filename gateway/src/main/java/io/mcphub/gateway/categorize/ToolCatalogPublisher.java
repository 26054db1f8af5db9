package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.CategorizerAddresses;
import io.mcphub.categorizer.ToolCatalogListener;
import io.mcphub.categorizer.ToolDescriptor;
import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Tells categorizers that score tools ({@link ToolCatalogListener}) what the hub's tools are: answers {@link
 * CategorizerAddresses#TOOL_CATALOG} with the current catalog and publishes it on {@link
 * CategorizerAddresses#TOOLS_CHANGED} after the tool list changes, changes within {@link #DEBOUNCE_MS} coalesced
 * (upstreams connecting one after another at start publish once). Each tool is described in words ({@link
 * #text(CatalogEntry)}), at most {@link ToolCatalogListener#MAX_TOOLS} tools. Publishes nothing until a listener has
 * asked for the catalog once (every listener asks when it starts): with no listener deployed, a tool change costs
 * nothing. Runs on the hub's context.
 */
public final class ToolCatalogPublisher {

  static final long DEBOUNCE_MS = 200;
  /** How much of a description a tool's text keeps: the first sentences say what it does. */
  static final int DESCRIPTION_CHARS = 300;

  private final Vertx vertx;
  private final CatalogSource hub;
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;
  private boolean listened;

  public ToolCatalogPublisher(Vertx vertx, CatalogSource hub) {
    this.vertx = vertx;
    this.hub = hub;
  }

  /** Answers catalog requests and publishes every change from now on. */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(CategorizerAddresses.TOOL_CATALOG, message -> {
      listened = true;
      message.reply(catalog());
    });
    hub.onToolsChanged(this::toolsChanged);
    return consumer.completion();
  }

  private void toolsChanged() {
    if (!listened || timer >= 0) {
      return;
    }
    timer = vertx.setTimer(DEBOUNCE_MS, t -> {
      timer = -1;
      vertx.eventBus().publish(CategorizerAddresses.TOOLS_CHANGED, catalog());
    });
  }

  private JsonObject catalog() {
    JsonArray tools = new JsonArray();
    for (CatalogEntry tool : hub.registry().tools()) {
      if (tools.size() == ToolCatalogListener.MAX_TOOLS) {
        break;
      }
      tools.add(new ToolDescriptor(tool.name(), text(tool)).toJson());
    }
    return new JsonObject().put("tools", tools);
  }

  /**
   * A tool in words: its name's words ({@code github__create_issue} → "github create issue"), its title, the start of
   * its description and its server's name and title.
   */
  static String text(CatalogEntry tool) {
    JsonObject definition = tool.definition();
    StringBuilder text = new StringBuilder(words(tool.name()));
    String title = definition.getValue("title") instanceof String t ? t
        : definition.getJsonObject("annotations", new JsonObject()).getValue("title") instanceof String t2 ? t2 : "";
    if (!title.isBlank()) {
      text.append(". ").append(title);
    }
    String description = definition.getValue("description") instanceof String d ? d.strip() : "";
    if (!description.isEmpty()) {
      text.append(". ").append(description, 0, Math.min(DESCRIPTION_CHARS, description.length()));
    }
    String server = tool.upstream() == null ? "" : tool.upstream().catalog().serverInfo().getValue("title") instanceof String s ? s : "";
    if (!server.isBlank()) {
      text.append(" (").append(server).append(')');
    }
    return text.toString();
  }

  private static String words(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.]+", " ").toLowerCase(java.util.Locale.ROOT).strip();
  }

  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
