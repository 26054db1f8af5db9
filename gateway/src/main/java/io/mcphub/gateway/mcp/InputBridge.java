package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.session.InFlightCall;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.RequestOrigin;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Multi round-trip requests (MRTR) for 2026-07-28 clients in front of 2025 upstreams. A 2025 upstream asks for
 * sampling, elicitation or roots by sending the client a request in the middle of a call; a 2026-07-28 client cannot
 * receive one. So the bridge parks the upstream's request and answers the client's {@code tools/call},
 * {@code prompts/get} or {@code resources/read} with {@code {resultType: "input_required", inputRequests, requestState}}.
 * The client's retry (same method, {@code inputResponses}, the {@code requestState} echoed) answers the parked requests
 * and waits for what the call does next: its result, or another round of input requests under a new state.
 *
 * <ul>
 *   <li>Requests the upstream sends within {@link #SETTLE_MS} of each other go out in one round.</li>
 *   <li>A request for a capability the client did not declare in its request's {@code _meta} is refused to the
 *       upstream at once ({@code -32021}), so the upstream can carry on with what it may ask.</li>
 *   <li>{@code requestState} is HMAC-SHA256 protected with a key born with the process; it names the call, the round
 *       and its expiry. A changed, stale, expired or foreign state is {@code -32602}; so is a state presented by another
 *       principal than the one that made the call.</li>
 *   <li>A retry that leaves a parked request unanswered gets {@code input_required} again for what is missing.</li>
 *   <li>A call nobody retries within {@link #PARK_MS} is cancelled upstream.</li>
 * </ul>
 * A parked call lives on this node only: a retry that reaches another node is refused with a message that says to send
 * the request again. A 2026-07-28 upstream's own {@code input_required} needs none of this: its state is not ours, and
 * request and retry pass through untouched. Confined to the hub's context.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi Round-Trip Requests</a>
 */
public final class InputBridge {

  /** How long the bridge waits for more input requests of the same call before it answers the client. */
  static final long SETTLE_MS = 20;
  /** How long a parked call waits for the client's retry. */
  static final long PARK_MS = 5 * 60_000;
  /** How many calls may be parked at once, all clients together. */
  static final int MAX_PARKED = 1_000;
  private static final String STATE_PREFIX = "mcphub1.";
  private static final String HMAC = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** A parked call's id: 128 bits. */
  private static final int CALL_ID_BYTES = 16;

  private final Vertx vertx;
  private final byte[] key = new byte[32];
  private final Map<String, BridgedCall> parked = new HashMap<>();

  public InputBridge(Vertx vertx) {
    this.vertx = vertx;
    RANDOM.nextBytes(key);
  }

  /** How many calls wait for a client's input now (for tests and health). */
  public int parkedCount() {
    return parked.size();
  }

  /** Serves a modern request that may need client input: a retry resumes its parked call, anything else starts one. */
  Future<JsonObject> serve(McpRequest request, Function<McpRequest, Future<JsonObject>> handler) {
    if (request.params().getValue(Modern.REQUEST_STATE) instanceof String state && state.startsWith(STATE_PREFIX)) {
      return resume(request, state);
    }
    BridgedCall call = new BridgedCall(request);
    Future<JsonObject> outcome = handler.apply(new McpRequest(request.session(), request.id(), request.method(),
        request.params(), call));
    outcome.onComplete(call::finished);
    return call.awaitRound(request);
  }

  private Future<JsonObject> resume(McpRequest request, String state) {
    Claims claims = verify(state);
    BridgedCall call = parked.get(claims.call());
    if (call == null || claims.expiresAt() < System.currentTimeMillis()) {
      throw McpException.invalidParams("requestState names a call that ended, expired or was served by another hub node;"
          + " send the request again without requestState and inputResponses");
    }
    if (claims.round() != call.round || !call.method.equals(request.method())
        || !call.name.equals(request.params().getValue(Modern.nameField(request.method())))) {
      throw McpException.invalidParams("requestState does not belong to this request (another method or name, or an"
          + " earlier round): echo the requestState of the last input_required result of this request");
    }
    if (!request.session().isOwnedBy(call.owner.owner())) {
      throw McpException.invalidParams("requestState was issued to another principal");
    }
    if (call.answer != null) {
      throw McpException.invalidParams("a retry with this requestState is already being answered; wait for its answer");
    }
    Object responses = request.params().getValue(Modern.INPUT_RESPONSES);
    if (responses != null && !(responses instanceof JsonObject)) {
      throw McpException.invalidParams("params.inputResponses must be an object keyed like inputRequests");
    }
    call.answer(responses == null ? new JsonObject() : (JsonObject) responses);
    return call.awaitRound(request);
  }

  private String sign(BridgedCall call, long expiresAt) {
    byte[] payload = new JsonObject().put("c", call.id).put("r", call.round).put("e", expiresAt).encode()
        .getBytes(StandardCharsets.UTF_8);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return STATE_PREFIX + base64.encodeToString(payload) + "." + base64.encodeToString(mac(payload));
  }

  private Claims verify(String state) {
    String body = state.substring(STATE_PREFIX.length());
    int dot = body.indexOf('.');
    try {
      if (dot < 0) {
        throw new IllegalArgumentException("no signature");
      }
      byte[] payload = Base64.getUrlDecoder().decode(body.substring(0, dot));
      byte[] signature = Base64.getUrlDecoder().decode(body.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, mac(payload))) {
        throw new IllegalArgumentException("bad signature");
      }
      JsonObject claims = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      return new Claims(claims.getString("c"), claims.getInteger("r"), claims.getLong("e"));
    } catch (RuntimeException e) {
      throw McpException.invalidParams("requestState failed verification: it was changed, or this hub did not issue it");
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private record Claims(String call, int round, long expiresAt) {
  }

  private record Pending(String method, JsonObject params, Promise<JsonObject> answer) {
  }

  /** One client call that may be waiting for the client's input: the origin of its upstream request. */
  private final class BridgedCall implements RequestOrigin {

    private final String id;
    private final Session owner;
    private final String method;
    private final String name;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private int round;
    private int nextKey = 1;
    /** The client request being answered now; null between an input_required answer and the retry. */
    private McpRequest current;
    private Promise<JsonObject> answer;
    private AsyncResult<JsonObject> outcome;
    private InFlightCall upstreamCall;
    private long settleTimer = -1;
    private long expiryTimer = -1;

    BridgedCall(McpRequest first) {
      this.id = Session.randomId(CALL_ID_BYTES);
      this.owner = first.session();
      this.method = first.method();
      this.name = String.valueOf(first.params().getValue(Modern.nameField(first.method())));
    }

    /** The answer to {@code request}: the call's result, or the next round of input requests. */
    Future<JsonObject> awaitRound(McpRequest request) {
      current = request;
      Promise<JsonObject> mine = Promise.promise();
      answer = mine;
      if (upstreamCall != null) {
        request.session().trackInFlight(request.id(), upstreamCall);
      }
      vertx.cancelTimer(expiryTimer);
      if (outcome != null) {
        // the call ended between rounds: this retry takes its outcome, and the state is spent
        parked.remove(id);
        answer = null;
        mine.handle(outcome);
      } else if (!pending.isEmpty()) {
        askClient();
      }
      return mine.future().onComplete(done -> request.session().untrackInFlight(request.id()));
    }

    /** Answers the parked upstream requests the retry has responses for; keys the call never asked for are ignored. */
    void answer(JsonObject responses) {
      pending.forEach((key, input) -> {
        Object response = responses.getValue(key);
        if (response != null && !(response instanceof JsonObject object && fits(input.method(), object))) {
          throw McpException.invalidParams("inputResponses." + key + " is not a result of the " + input.method()
              + " request it answers");
        }
      });
      for (String key : pending.keySet().toArray(String[]::new)) {
        if (responses.getValue(key) instanceof JsonObject response) {
          pending.remove(key).answer().complete(response);
        }
      }
    }

    @Override
    public String clientId() {
      return current != null ? current.origin().clientId() : owner.id();
    }

    @Override
    public void notify(JsonObject notification) {
      if (current != null) {
        current.origin().notify(notification);
      }
    }

    @Override
    public boolean acceptsInputRequired() {
      return true;
    }

    @Override
    public JsonObject clientCapabilities() {
      return (current != null ? current.session() : owner).clientCapabilities();
    }

    @Override
    public Future<JsonObject> request(String requestMethod, JsonObject params) {
      Session session = current != null ? current.session() : owner;
      if (!SessionOrigin.clientSupports(session, requestMethod)) {
        return Future.failedFuture(new McpException(Modern.MISSING_REQUIRED_CLIENT_CAPABILITY, "the client did not declare"
            + " the capability " + requestMethod + " needs (" + McpMethods.clientCapabilityOf(requestMethod) + ")"));
      }
      if (outcome != null) {
        return Future.failedFuture(new McpException(JsonRpc.INVALID_REQUEST, "the call already ended"));
      }
      String key = McpMethods.clientCapabilityOf(requestMethod) + "_" + nextKey++;
      Promise<JsonObject> reply = Promise.promise();
      pending.put(key, new Pending(requestMethod, params == null ? new JsonObject() : params, reply));
      if (settleTimer < 0) {
        settleTimer = vertx.setTimer(SETTLE_MS, t -> {
          settleTimer = -1;
          if (answer != null && !pending.isEmpty()) {
            askClient();
          }
        });
      }
      return reply.future();
    }

    /** Answers the current request with the pending input requests and parks the call until the retry. */
    private void askClient() {
      if (parked.size() >= MAX_PARKED && !parked.containsKey(id)) {
        McpException full = new McpException(JsonRpc.INTERNAL_ERROR, "the hub holds " + MAX_PARKED
            + " calls waiting for client input already; try again later");
        InFlightCall call = upstreamCall != null ? upstreamCall : current.session().untrackInFlight(current.id());
        pending.values().forEach(input -> input.answer().tryFail(full));
        pending.clear();
        if (call != null) {
          call.upstream().cancel(call.upstreamId(), "the hub could not park the call to wait for client input");
        }
        answer.tryFail(full);
        return;
      }
      if (upstreamCall == null) {
        upstreamCall = current.session().untrackInFlight(current.id());
      } else {
        current.session().untrackInFlight(current.id());
      }
      round++;
      long expiresAt = System.currentTimeMillis() + PARK_MS;
      JsonObject requests = new JsonObject();
      pending.forEach((key, input) -> requests.put(key, new JsonObject().put("method", input.method()).put("params", input.params())));
      JsonObject result = new JsonObject().put(Modern.RESULT_TYPE, Modern.INPUT_REQUIRED)
          .put(Modern.INPUT_REQUESTS, requests).put(Modern.REQUEST_STATE, sign(this, expiresAt));
      parked.put(id, this);
      expiryTimer = vertx.setTimer(PARK_MS, t -> expire());
      Promise<JsonObject> waiting = answer;
      answer = null;
      current = null;
      waiting.tryComplete(result);
    }

    void finished(AsyncResult<JsonObject> result) {
      outcome = result;
      vertx.cancelTimer(settleTimer);
      pending.values().forEach(input -> input.answer().tryFail(new McpException(JsonRpc.INVALID_REQUEST, "the call ended")));
      pending.clear();
      if (answer != null) {
        vertx.cancelTimer(expiryTimer);
        parked.remove(id);
        if (result.succeeded()) {
          answer.tryComplete(result.result());
        } else {
          answer.tryFail(result.cause());
        }
      }
      // else: the client is between rounds; its retry takes the outcome, or the expiry forgets the call
    }

    private void expire() {
      parked.remove(id);
      pending.values().forEach(input -> input.answer().tryFail(new McpException(JsonRpc.REQUEST_TIMEOUT,
          "the client did not answer " + input.method() + " within " + PARK_MS / 1000 + " s")));
      pending.clear();
      if (outcome == null && upstreamCall != null) {
        upstreamCall.upstream().cancel(upstreamCall.upstreamId(), "the client did not retry with its input in time");
      }
    }
  }

  /** Whether an input response is at least the kind of result its request asks for. */
  private static boolean fits(String method, JsonObject response) {
    return switch (method) {
      case McpMethods.ELICITATION_CREATE -> response.getValue("action") instanceof String;
      case McpMethods.ROOTS_LIST -> response.getValue("roots") instanceof io.vertx.core.json.JsonArray;
      case McpMethods.SAMPLING_CREATE_MESSAGE -> response.getValue("content") != null;
      default -> true;
    };
  }
}
