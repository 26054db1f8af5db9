package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.ListKind;
import io.mcphub.gateway.upstream.RequestOrigin;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an upstream instance that serves one client ({@link ClientInstances}) says goes to that client only: its log
 * messages and resource updates, and the requests it makes of a client, including while it starts, when they go to
 * the exchange of the call that started it (the client may not have opened its own stream yet).
 */
final class InstanceEvents implements UpstreamEvents {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceEvents.class);
  /** How long a new instance's first call waits for the client to answer what the server asked while starting. */
  private static final long STARTUP_ANSWER_TIMEOUT_MS = 5_000;

  private final Session owner;
  private final RequestOrigin starter;
  private final UpstreamEvents hubEvents;
  private List<Future<JsonObject>> startupRequests = new ArrayList<>();

  /**
   * @param starter the exchange of the call that starts the instance
   * @param hubEvents where metrics of the instance's calls go
   */
  InstanceEvents(Session owner, RequestOrigin starter, UpstreamEvents hubEvents) {
    this.owner = owner;
    this.starter = starter;
    this.hubEvents = hubEvents;
  }

  /**
   * Completes once the client has answered what the server asked it while starting (a filesystem server asks for
   * the client's roots as soon as it is initialized), and the server has answered a {@code ping} after those
   * answers, so the first call usually sees what the client answered; bounded. A server that applies the answers
   * asynchronously (server-filesystem validates roots on disk first) may still answer the first call without them.
   */
  Future<Void> startupAnswered(Upstream upstream) {
    List<Future<JsonObject>> asked = startupRequests;
    startupRequests = null;
    if (asked.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.join(asked).<Void>mapEmpty().otherwiseEmpty()
        .compose(v -> upstream.call(McpMethods.PING, null, null).result().<Void>mapEmpty().otherwiseEmpty())
        .timeout(STARTUP_ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS).otherwiseEmpty();
  }

  @Override
  public void stateChanged(Upstream upstream) {
    LOG.debug("upstream '{}' (instance of session {}) is {}", upstream.name(), owner.handle(), upstream.state().label());
  }

  @Override
  public void catalogChanged(Upstream upstream, Set<ListKind> kinds) {
    // the shared instance defines what the server offers; an instance's own lists are not merged
  }

  @Override
  public void notification(Upstream upstream, JsonObject notification) {
    String method = notification.getString("method");
    if (McpMethods.NOTIFICATION_RESOURCES_UPDATED.equals(method)
        || McpMethods.NOTIFICATION_MESSAGE.equals(method) && LogLevels.wants(owner, notification)) {
      owner.send(notification);
    }
  }

  @Override
  public void callCompleted(Upstream upstream, String method, long nanos, boolean failed) {
    hubEvents.callCompleted(upstream, method, nanos, failed);
  }

  @Override
  public RequestOrigin originForUntiedRequest(Upstream upstream, String method) {
    if (owner.state() == Session.State.CLOSED || !SessionOrigin.clientSupports(owner, method)) {
      return null;
    }
    if (startupRequests == null) {
      return new SessionOrigin(owner);
    }
    return new StartupOrigin(starter != null ? starter : new SessionOrigin(owner), startupRequests);
  }

  /** The owner's own capabilities: its roots reach this instance only, and only if it has roots. */
  @Override
  public JsonObject clientCapabilities(Upstream upstream) {
    JsonObject declared = owner.clientCapabilities();
    JsonObject offered = new JsonObject();
    if (declared.getValue("roots") != null) {
      offered.put("roots", new JsonObject().put("listChanged", true));
    }
    for (String capability : List.of("sampling", "elicitation")) {
      if (declared.getValue(capability) != null) {
        offered.put(capability, new JsonObject());
      }
    }
    return offered;
  }

  /** Relays through {@code target} and keeps each request's answer, which the instance's first call waits for. */
  private record StartupOrigin(RequestOrigin target, List<Future<JsonObject>> answers) implements RequestOrigin {

    @Override
    public String clientId() {
      return target.clientId();
    }

    @Override
    public void notify(JsonObject notification) {
      target.notify(notification);
    }

    @Override
    public Future<JsonObject> request(String method, JsonObject params) {
      Future<JsonObject> answer = target.request(method, params);
      answers.add(answer);
      return answer;
    }
  }
}
