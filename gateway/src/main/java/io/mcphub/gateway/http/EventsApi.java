package io.mcphub.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /api/events}: MCP Hub's event stream, un-batched. On connect a {@code hub_state} event; every
 * {@value #HEARTBEAT_MS} ms a {@code heartbeat}; {@code subscription_event}s ({@code tool_list_changed},
 * {@code prompt_list_changed}, {@code resource_list_changed}, {@code servers_updated}); {@code log} events for
 * warnings and errors. Used on the hub's context.
 */
public final class EventsApi {

  static final long HEARTBEAT_MS = 10_000;

  private final Set<SseStream> streams = new LinkedHashSet<>();
  private final java.util.function.IntSupplier port;

  /**
   * @param port the port the hub listens on, once it does
   */
  public EventsApi(Vertx vertx, java.util.function.IntSupplier port) {
    this.port = port;
    vertx.setPeriodic(HEARTBEAT_MS, t -> publish("heartbeat", new JsonObject().put("connections", streams.size())));
  }

  void open(RoutingContext ctx) {
    SseStream stream = SseStream.open(ctx.response(), streams::remove);
    streams.add(stream);
    stream.event("hub_state", stamp(new JsonObject().put("state", "ready").put("server_id", "mcp-hub")
        .put("pid", ProcessHandle.current().pid()).put("port", port.getAsInt())).encode());
  }

  /** Sends {@code subscription_event} of the given {@code type} to every listener. */
  public void subscriptionEvent(String type, JsonObject data) {
    publish("subscription_event", data.copy().put("type", type));
  }

  /** Sends an event to every listener. */
  public void publish(String event, JsonObject data) {
    if (streams.isEmpty()) {
      return;
    }
    String encoded = stamp(data.copy()).encode();
    streams.forEach(stream -> stream.event(event, encoded));
  }

  private static JsonObject stamp(JsonObject data) {
    return data.put("timestamp", Instant.now().toString());
  }
}
