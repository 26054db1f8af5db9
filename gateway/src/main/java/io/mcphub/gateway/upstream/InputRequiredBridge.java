package io.mcphub.gateway.upstream;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Function;

/**
 * The reverse MRTR bridge: a 2026-07-28 upstream asks for client input by answering {@code input_required}
 * ({@code inputRequests} + {@code requestState}) and expects the same request again with {@code inputResponses}; a
 * 2025 client instead expects the server to send it {@code sampling/createMessage}, {@code elicitation/create} or
 * {@code roots/list} requests during the call. For a client exchange that cannot take an {@code input_required} result
 * ({@link RequestOrigin#acceptsInputRequired()} false), each input request is relayed to the client through
 * {@link RequestOrigin#request}, one after the other, and the call is retried with the answers and the upstream's
 * {@code requestState} untouched, round after round, until a complete result: at most {@value #MAX_ROUNDS} rounds of at
 * most {@value #MAX_REQUESTS_PER_ROUND} input requests. An input request the client cannot answer (it lacks the
 * capability, or refused) fails the call with a message that says which. One instance per call; confined to the hub's
 * context.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi round-trip requests</a>
 */
final class InputRequiredBridge {

  /** Rounds of input a call may ask for before the hub gives up on it (a server that never completes). */
  static final int MAX_ROUNDS = 8;
  /** Input requests one round may carry: each becomes a request to the client, so an upstream cannot flood it. */
  static final int MAX_REQUESTS_PER_ROUND = 16;
  /** What an input request may ask of the client. */
  private static final Set<String> INPUT_METHODS = Set.of(McpMethods.SAMPLING_CREATE_MESSAGE, McpMethods.ELICITATION_CREATE,
      McpMethods.ROOTS_LIST);

  private final String serverName;
  private final RequestOrigin origin;
  private final Function<JsonObject, Future<JsonObject>> retry;

  /** @param retry sends the request again with these params (a new upstream request) */
  InputRequiredBridge(String serverName, RequestOrigin origin, Function<JsonObject, Future<JsonObject>> retry) {
    this.serverName = serverName;
    this.origin = origin;
    this.retry = retry;
  }

  static boolean mayAskForInput(String method) {
    return Modern.INPUT_CAPABLE.contains(method);
  }

  /** The complete result of a call whose first answer was {@code first}; {@code params} are the call's own, unmodified. */
  Future<JsonObject> complete(JsonObject params, JsonObject first) {
    return round(params, first, 1);
  }

  private Future<JsonObject> round(JsonObject params, JsonObject result, int round) {
    if (!Modern.INPUT_REQUIRED.equals(result.getValue(Modern.RESULT_TYPE))) {
      return Future.succeededFuture(result);
    }
    if (round > MAX_ROUNDS) {
      return Future.failedFuture(new McpException(JsonRpc.INTERNAL_ERROR, "upstream server '" + serverName
          + "' still asked for input after " + MAX_ROUNDS + " rounds; the call was abandoned"));
    }
    JsonObject requests = result.getValue(Modern.INPUT_REQUESTS) instanceof JsonObject object ? object : new JsonObject();
    if (requests.size() > MAX_REQUESTS_PER_ROUND) {
      return Future.failedFuture(new McpException(JsonRpc.INTERNAL_ERROR, "upstream server '" + serverName + "' asked for "
          + requests.size() + " inputs at once (at most " + MAX_REQUESTS_PER_ROUND + " are relayed); the call was abandoned"));
    }
    JsonObject responses = new JsonObject();
    Future<Void> answered = Future.succeededFuture();
    for (String key : requests.fieldNames()) {
      answered = answered.compose(v -> answer(requests.getValue(key)).map(answer -> {
        responses.put(key, answer);
        return null;
      }));
    }
    return answered.compose(v -> {
      JsonObject next = params == null ? new JsonObject() : params.copy();
      next.put(Modern.INPUT_RESPONSES, responses);
      if (result.getValue(Modern.REQUEST_STATE) instanceof String state) {
        next.put(Modern.REQUEST_STATE, state);
      } else {
        next.remove(Modern.REQUEST_STATE);
      }
      return retry.apply(next).compose(again -> round(params, again, round + 1));
    });
  }

  /** Relays one input request to the client; fails with a clear message when the client cannot answer it. */
  private Future<JsonObject> answer(Object request) {
    String method = request instanceof JsonObject object && object.getValue("method") instanceof String text ? text : null;
    if (method == null || !INPUT_METHODS.contains(method)) {
      return Future.failedFuture(new McpException(JsonRpc.INTERNAL_ERROR, "upstream server '" + serverName
          + "' asked for input the hub cannot relay (" + (method == null ? "no method" : method) + ")"));
    }
    JsonObject params = ((JsonObject) request).getValue("params") instanceof JsonObject object ? object : new JsonObject();
    return origin.request(method, params).recover(error -> Future.failedFuture(new McpException(
        error instanceof McpException mcp ? mcp.code() : JsonRpc.INTERNAL_ERROR,
        "upstream server '" + serverName + "' needs the client to answer " + method
            + " to complete this request, and the client could not: " + error.getMessage())));
  }
}
