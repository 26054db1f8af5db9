package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.session.ClientStream;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.ListKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code subscriptions/listen} streams of 2026-07-28 clients: each is acknowledged first with the part of its filter the
 * hub honours, then receives, tagged with its request id, the list changes it opted in to and the
 * {@code resources/updated} of the URIs it named (through the same reference-counted upstream subscription as a 2025
 * session's {@code resources/subscribe}). A client may hold several. On shutdown each is answered with a result before
 * it closes. Request-scoped messages (progress, logs) never go here. Confined to the hub's context.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions">Subscriptions</a>
 */
public final class ModernListeners {

  private static final Map<ListKind, String> FILTER_OF = Map.of(ListKind.TOOLS, "toolsListChanged",
      ListKind.PROMPTS, "promptsListChanged", ListKind.RESOURCES, "resourcesListChanged");
  private static final Map<ListKind, String> NOTIFICATION_OF = Map.of(
      ListKind.TOOLS, McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED,
      ListKind.PROMPTS, McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED,
      ListKind.RESOURCES, McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
  private static final String RESOURCE_SUBSCRIPTIONS = "resourceSubscriptions";

  private final ResourceSubscriptions subscriptions;
  private final BiFunction<Session, String, Future<JsonObject>> subscribe;
  private final Set<Listener> listeners = new LinkedHashSet<>();

  /** @param subscribe subscribes a session to a resource URI as {@code resources/subscribe} would; refusals fail the future */
  ModernListeners(ResourceSubscriptions subscriptions, BiFunction<Session, String, Future<JsonObject>> subscribe) {
    this.subscriptions = subscriptions;
    this.subscribe = subscribe;
  }

  /** How many listen streams are open (for tests and the admin API). */
  public int size() {
    return listeners.size();
  }

  /**
   * Opens a listen stream for request {@code id} of a transient {@code session} on {@code stream}; the stream's close
   * (the client's cancellation) must call {@link #close(Session)}.
   */
  public void listen(Session session, Object id, JsonObject params, ClientStream stream) {
    JsonObject asked = params.getValue("notifications") instanceof JsonObject filter ? filter : new JsonObject();
    Listener listener = new Listener(id, session, new TaggedStream(stream, id));
    session.attach(listener.stream);
    JsonObject honoured = new JsonObject();
    for (ListKind kind : ListKind.values()) {
      String field = FILTER_OF.get(kind); // templates have no filter of their own
      if (field != null && Boolean.TRUE.equals(asked.getValue(field))) {
        listener.kinds.add(kind);
        honoured.put(field, true);
      }
    }
    listeners.add(listener);
    List<Future<String>> subscribed = new ArrayList<>();
    if (asked.getValue(RESOURCE_SUBSCRIPTIONS) instanceof JsonArray uris) {
      for (Object uri : uris) {
        if (uri instanceof String text && listener.uris.add(text)) {
          // recorded before it is asked for, so that a stream closed meanwhile releases it; a refused URI (unknown, not
          // granted, its server cannot subscribe) is left out of the acknowledgement and released
          subscribed.add(subscribe.apply(session, text).map(ok -> text).recover(refused -> {
            listener.uris.remove(text);
            subscriptions.unsubscribe(session, text);
            return Future.succeededFuture(null);
          }));
        }
      }
    }
    Future.join(subscribed).onComplete(done -> {
      JsonArray accepted = new JsonArray();
      subscribed.stream().map(Future::result).filter(uri -> uri != null).forEach(accepted::add);
      if (!accepted.isEmpty()) {
        honoured.put(RESOURCE_SUBSCRIPTIONS, accepted);
      }
      // the acknowledgement goes first: nothing else was written to the stream before it
      listener.stream.acknowledge(honoured);
    });
  }

  /** The client closed a listen stream: its resource subscriptions go with it. */
  public void close(Session session) {
    listeners.removeIf(listener -> {
      if (listener.session != session) {
        return false;
      }
      listener.uris.forEach(uri -> subscriptions.unsubscribe(session, uri));
      session.close();
      return true;
    });
  }

  /** Tells every stream that opted in that these lists changed. */
  void listsChanged(Set<ListKind> kinds) {
    for (ListKind kind : kinds) {
      JsonObject notification = JsonRpc.notification(NOTIFICATION_OF.get(kind), null);
      for (Listener listener : List.copyOf(listeners)) {
        if (listener.kinds.contains(kind)) {
          listener.stream.write(notification); // the tagged stream writes its own copy
        }
      }
    }
  }

  /** Keeps idle proxies from cutting the streams. */
  public void heartbeat() {
    listeners.forEach(listener -> listener.stream.heartbeat());
  }

  /** Ends every stream gracefully: each listen request gets its result, then its stream closes (shutdown). */
  public void closeAll() {
    for (Listener listener : List.copyOf(listeners)) {
      listener.stream.write(JsonRpc.result(listener.id, new JsonObject().put(Modern.RESULT_TYPE, Modern.COMPLETE)));
      listener.stream.end();
      close(listener.session);
    }
  }

  private static final class Listener {
    final Object id;
    final Session session;
    final TaggedStream stream;
    final Set<ListKind> kinds = new LinkedHashSet<>();
    final Set<String> uris = new LinkedHashSet<>();

    Listener(Object id, Session session, TaggedStream stream) {
      this.id = id;
      this.session = session;
      this.stream = stream;
    }
  }

  /**
   * A listen stream: every message carries the listen request's id as {@code _meta.subscriptionId}, and nothing is
   * written before the acknowledgement (what arrives earlier waits for it).
   */
  private static final class TaggedStream implements ClientStream {
    private final ClientStream stream;
    private final Object id;
    private List<JsonObject> early = new ArrayList<>();

    TaggedStream(ClientStream stream, Object id) {
      this.stream = stream;
      this.id = id;
    }

    void acknowledge(JsonObject honoured) {
      List<JsonObject> waiting = early;
      early = null;
      write(JsonRpc.notification(Modern.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED,
          new JsonObject().put("notifications", honoured)));
      waiting.forEach(this::write);
    }

    @Override
    public boolean write(JsonObject message) {
      if (early != null) {
        early.add(message);
        return true;
      }
      message = message.copy(); // the hub hands one notification to every subscriber
      String holder = message.containsKey("method") ? "params" : "result";
      JsonObject body = message.getValue(holder) instanceof JsonObject object ? object : new JsonObject();
      JsonObject meta = body.getValue("_meta") instanceof JsonObject object ? object : new JsonObject();
      body.put("_meta", meta.put(Modern.META_SUBSCRIPTION_ID, id));
      return stream.write(message.put(holder, body));
    }

    @Override
    public boolean isOpen() {
      return stream.isOpen();
    }

    @Override
    public void heartbeat() {
      stream.heartbeat();
    }

    @Override
    public void end() {
      stream.end();
    }
  }
}
