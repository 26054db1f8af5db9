package io.mcphub.gateway.session;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.tools.Sha256;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * One client session: negotiated revision, client capabilities, the stream that carries messages the
 * client did not ask for, the calls it has in flight (for cancellation), and requests the hub relayed to
 * it (sampling, elicitation, roots). State machine: NEW → INITIALIZING → OPERATING → CLOSED.
 * Confined to the hub's context.
 */
public final class Session {

  /** Where a session is in the MCP lifecycle. */
  public enum State { NEW, INITIALIZING, OPERATING, CLOSED }

  /**
   * Which client transport created the session. {@code MODERN} is the transient session of one 2026-07-28 request:
   * that revision has no sessions, so the hub builds one per request from the request's {@code _meta}, never stores
   * it, and forgets it when the request is answered. Nothing a modern request does may outlive it in session state
   * (exposure, subscriptions, log level): what must outlive a request lives behind its own handle (an exposureId, a
   * view id, a subscription).
   */
  public enum Transport { STREAMABLE_HTTP, LEGACY_SSE, MODERN }

  // Binding (issue 9): the id is a secret only the creator holds; the owner is the principal that opened the session.
  private static final int ID_BYTES = 24;
  private static final int HANDLE_BYTES = 8;
  private static final SecureRandom IDS = new SecureRandom();
  /** Server-to-client requests (sampling, elicitation, roots) one client may have awaiting its answer at once. */
  private static final int MAX_CLIENT_REQUESTS = 256;
  private final String owner;
  private final String handle;
  private Grant grant = Grant.ALL;
  /** The view ({@code /mcp/views/{id}}) the session was opened on, or null: a view's list is that view's tools. */
  private String view;

  private final Vertx vertx;
  private final String id;
  private final Transport transport;
  private final long createdAt = System.currentTimeMillis();
  private final Map<Object, InFlightCall> inFlight = new HashMap<>();
  private final Map<String, Promise<JsonObject>> clientRequests = new HashMap<>();
  private State state = State.NEW;
  private String protocolVersion;
  private JsonObject clientCapabilities = new JsonObject();
  private JsonObject clientInfo = new JsonObject();
  private ClientStream stream;
  /** Where messages go while no stream is open here (a cluster: the stream may be on another node); null alone. */
  private SessionRoute route;
  private String logLevel;
  private long lastSeen = createdAt;
  private long nextRequestId = 1;
  /** Tells this copy's requests to the client from those of the session's copies on other nodes of a cluster. */
  private final String copy = randomId(3);

  public Session(Vertx vertx, String id, Transport transport) {
    this(vertx, id, transport, null);
  }

  /** A session bound to {@code owner}, the principal that opened it (null when the hub has no auth). */
  public Session(Vertx vertx, String id, Transport transport, String owner) {
    this.vertx = vertx;
    this.id = id;
    this.transport = transport;
    this.owner = owner;
    this.handle = Sha256.hex(id, HANDLE_BYTES);
  }

  /** A new session id: 192 bits from a {@link SecureRandom}, URL-safe Base64 (visible ASCII, as MCP requires). */
  public static String newId() {
    return randomId(ID_BYTES);
  }

  /** {@code bytes} from the hub's {@link SecureRandom}, URL-safe Base64 without padding: every unguessable id the hub mints. */
  public static String randomId(int bytes) {
    byte[] random = new byte[bytes];
    IDS.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Whether {@code principal} opened this session (both null when the hub has no auth: the id alone is the secret). */
  public boolean isOwnedBy(String principal) {
    return samePrincipal(owner, principal);
  }

  /** Whether two principals are the same one (both null counts: a hub without auth), compared in constant time. */
  public static boolean samePrincipal(String owner, String principal) {
    if (owner == null || principal == null) {
      return owner == null && principal == null;
    }
    return MessageDigest.isEqual(owner.getBytes(StandardCharsets.UTF_8), principal.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Which client this session is for upstream instances that serve one client each ({@code "isolation": "per-client"}):
   * the session itself, or for a transient 2026-07-28 session its principal, so that a per-client server is not started
   * once per request. Without credentials every 2026-07-28 caller is the same, anonymous principal: they share one
   * instance (and the roots of the caller that started it), as they share everything else on a hub without auth.
   */
  public String clientKey() {
    if (!isModern()) {
      return id;
    }
    return owner == null ? "modern:anonymous" : "modern:" + Sha256.hex(owner, HANDLE_BYTES);
  }

  /** The principal that opened the session (null when the hub has no auth): what handles it mints are bound to. */
  public String owner() {
    return owner;
  }

  /** The id of the view the session serves ({@code /mcp/views/{id}}), or null for the hub's own endpoint. */
  public String view() {
    return view;
  }

  /** Binds the session to a view: set once, by the transport, before the session serves anything. */
  public void view(String viewId) {
    this.view = viewId;
  }

  /** Which upstream tools the owner's credentials allow; {@link Grant#ALL} unless an OAuth token's scopes limit it. */
  public Grant grant() {
    return grant;
  }

  /** The grant of the owner's latest request (a refreshed token may carry other scopes). */
  public void grant(Grant current) {
    this.grant = current == null ? Grant.ALL : current;
  }

  /** A public name for the session that cannot be turned back into its id: for the admin API and logs. */
  public String handle() {
    return handle;
  }

  public String id() {
    return id;
  }

  public Transport transport() {
    return transport;
  }

  /** True for the transient session of one 2026-07-28 (sessionless) request; see {@link Transport#MODERN}. */
  public boolean isModern() {
    return transport == Transport.MODERN;
  }

  public State state() {
    return state;
  }

  public long createdAt() {
    return createdAt;
  }

  public String protocolVersion() {
    return protocolVersion;
  }

  public JsonObject clientCapabilities() {
    return clientCapabilities;
  }

  public JsonObject clientInfo() {
    return clientInfo;
  }

  public String logLevel() {
    return logLevel;
  }

  public void logLevel(String level) {
    this.logLevel = level;
  }

  /** Records a successful {@code initialize}. */
  public void initialized(String version, JsonObject capabilities, JsonObject info) {
    protocolVersion = version;
    clientCapabilities = capabilities == null ? new JsonObject() : capabilities;
    clientInfo = info == null ? new JsonObject() : info;
    state = State.INITIALIZING;
  }

  /** The client sent {@code notifications/initialized}. */
  public void operating() {
    if (state == State.INITIALIZING) {
      state = State.OPERATING;
    }
  }

  public boolean isInitialized() {
    return state == State.INITIALIZING || state == State.OPERATING;
  }

  /** The client did something (a request, notification or response, opening a stream). */
  public void touch() {
    lastSeen = System.currentTimeMillis();
  }

  /** When the client last did something; the hub's own writes (keep-alives, notifications) do not count. */
  public long lastSeen() {
    return lastSeen;
  }

  public ClientStream stream() {
    return stream;
  }

  /** Routes the session's messages to a stream on another node whenever none is open here (a clustered hub). */
  public void route(SessionRoute clusterRoute) {
    this.route = clusterRoute;
  }

  public boolean hasOpenStream() {
    return stream != null && stream.isOpen();
  }

  /** Attaches the stream for messages the client did not ask for; false if one is already open. */
  public boolean attach(ClientStream newStream) {
    if (hasOpenStream()) {
      return false;
    }
    stream = newStream;
    touch();
    if (route != null) {
      route.opened(this);
    }
    return true;
  }

  public void detach(ClientStream closed) {
    if (stream == closed) {
      stream = null;
      touch();
      if (route != null) {
        route.closed(this);
      }
    }
  }

  /**
   * Sends a message on the session stream; without one here, over the session's route to the node that holds it (a
   * clustered hub); false when there is neither (the message is dropped).
   */
  public boolean send(JsonObject message) {
    if (stream != null) {
      return stream.write(message);
    }
    return route != null && route.deliver(this, message);
  }

  public void trackInFlight(Object clientRequestId, InFlightCall call) {
    inFlight.put(clientRequestId, call);
  }

  public InFlightCall untrackInFlight(Object clientRequestId) {
    return inFlight.remove(clientRequestId);
  }

  public int inFlightCount() {
    return inFlight.size();
  }

  /**
   * Sends a request to the client over {@code via} (or the session stream when null) and completes with
   * its answer, which arrives in a later POST ({@link #onClientResponse}).
   */
  public Future<JsonObject> request(String method, JsonObject params, ClientStream via, long timeoutMs) {
    if (clientRequests.size() >= MAX_CLIENT_REQUESTS) {
      return Future.failedFuture(new McpException(JsonRpc.INTERNAL_ERROR, "the client already has "
          + MAX_CLIENT_REQUESTS + " requests from its servers awaiting an answer; " + method + " refused"));
    }
    String requestId = "hub-" + handle.substring(0, 8) + "-" + copy + "-" + nextRequestId++;
    ClientStream target = via != null ? via : stream;
    if (target == null || !target.write(JsonRpc.request(requestId, method, params))) {
      return Future.failedFuture(new McpException(JsonRpc.INTERNAL_ERROR,
          "the client has no open stream on which to receive " + method));
    }
    Promise<JsonObject> answer = Promise.promise();
    clientRequests.put(requestId, answer);
    long timer = vertx.setTimer(timeoutMs, t -> {
      Promise<JsonObject> late = clientRequests.remove(requestId);
      if (late != null) {
        late.fail(new McpException(JsonRpc.REQUEST_TIMEOUT, "the client did not answer " + method + " in time"));
      }
    });
    return answer.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /**
   * A response the client POSTed to one of the hub's requests; one this copy did not send goes over the route to the
   * session's other copies (a cluster: the client's POST reached another node than the request came from).
   */
  public void onClientResponse(JsonObject response) {
    if (!answer(response)) {
      unplaced(response);
    }
  }

  /** A client message about a request this copy does not hold; on a clustered hub another node's copy may hold it. */
  public void unplaced(JsonObject message) {
    if (route != null) {
      route.elsewhere(this, message);
    }
  }

  /** Completes this copy's request that {@code response} answers; false when this copy sent no such request. */
  public boolean answer(JsonObject response) {
    Promise<JsonObject> answer = clientRequests.remove(String.valueOf(response.getValue("id")));
    if (answer == null) {
      return false;
    }
    Object error = response.getValue("error");
    Object result = response.getValue("result");
    if (error instanceof JsonObject details) {
      answer.fail(McpException.fromError(details));
    } else if (error == null && result instanceof JsonObject value) {
      answer.complete(value);
    } else {
      answer.fail(new McpException(JsonRpc.INVALID_REQUEST,
          "the client answered with a malformed response: \"error\" and \"result\" must be objects"));
    }
    return true;
  }

  /** Ends the session: its stream closes, relayed requests fail; returns the calls still in flight. */
  public Map<Object, InFlightCall> close() {
    state = State.CLOSED;
    clientRequests.values().forEach(p -> p.tryFail(new McpException(JsonRpc.INTERNAL_ERROR, "session ended")));
    clientRequests.clear();
    if (stream != null) {
      stream.end();
      detach(stream);
    }
    Map<Object, InFlightCall> remaining = new HashMap<>(inFlight);
    inFlight.clear();
    return remaining;
  }
}
