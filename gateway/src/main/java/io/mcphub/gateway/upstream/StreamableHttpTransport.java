package io.mcphub.gateway.upstream;

import io.mcphub.categorizer.Secrets;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.Modern;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote upstream over Streamable HTTP: each message is a POST whose answer is JSON or an SSE stream;
 * a GET stream carries the server's own notifications and requests.
 *
 * <p>Streams are resumed as the 2025-11-25 transport asks of a client (SEP-1699 "SSE polling"): when a POST's SSE stream
 * ends before the response to its request, the hub waits the server's {@code retry} time and reconnects with
 * {@code GET} + {@code Last-Event-ID}, again each time a resumed stream ends unanswered; the GET stream is reopened
 * whenever it ends. Bounded as {@link StreamState} says; then the call fails at once (it does not wait for its timeout),
 * as it does when the stream ends unanswered without an event id to resume from.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Streamable HTTP</a>
 */
final class StreamableHttpTransport implements UpstreamTransport {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String PROTOCOL_HEADER = "MCP-Protocol-Version";
  /** W3C trace context: the same {@code traceparent} as the message's {@code params._meta} carries (SEP-414). */
  static final String TRACEPARENT_HEADER = "traceparent";
  private static final long CLOSE_TIMEOUT_MS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(StreamableHttpTransport.class);

  private final Vertx vertx;
  private final HttpClient http;
  private final ServerConfig config;
  private MessageHandler messageHandler;
  private Handler<String> closeHandler;
  private String sessionId;
  private String protocolVersion;
  private HttpClientResponse getStream;
  private final java.util.Set<Long> timers = new java.util.HashSet<>();
  private boolean closed;

  StreamableHttpTransport(Vertx vertx, HttpClient http, ServerConfig config) {
    this.vertx = vertx;
    this.http = http;
    this.config = config;
  }

  @Override
  public Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler) {
    this.messageHandler = messageHandler;
    this.closeHandler = closeHandler;
    return Future.succeededFuture();
  }

  @Override
  public void protocolVersion(String version) {
    protocolVersion = version;
    openGetStream();
  }

  @Override
  public Future<Void> send(JsonObject message) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("transport closed"));
    }
    Object relatedId = message.getValue("id");
    boolean isInitialize = "initialize".equals(message.getString("method"));
    if (isInitialize) {
      sessionId = null;
    }
    String sentSession = sessionId;
    RequestOptions post = options(HttpMethod.POST).putHeader("Content-Type", "application/json")
        .putHeader("Accept", "application/json, text/event-stream");
    String traceparent = traceparent(message);
    if (traceparent != null) {
      post.putHeader(TRACEPARENT_HEADER, traceparent);
    }
    return http.request(post)
        .compose(request -> request.send(message.toBuffer()))
        .recover(error -> lost(error))
        .compose(response -> onPostResponse(response, relatedId, sentSession));
  }

  private Future<Void> onPostResponse(HttpClientResponse response, Object relatedId, String sentSession) {
    String newSession = response.getHeader(SESSION_HEADER);
    if (newSession != null) {
      sessionId = newSession;
    }
    int status = response.statusCode();
    if (status >= 300) {
      return response.body().transform(body -> {
        String detail = body.succeeded() ? abbreviate(body.result(), config.headers().values()) : "";
        if (sentSession != null && isSessionGone(status, detail)) {
          sessionId = null;
          return Future.failedFuture(new SessionExpiredException(config.name()));
        }
        McpException unsupported = body.succeeded() ? unsupportedVersion(body.result()) : null;
        if (unsupported != null) {
          return Future.failedFuture(unsupported);
        }
        return Future.failedFuture(new HttpStatusException(config.name(), status, detail));
      });
    }
    String type = response.getHeader("Content-Type");
    if (status == 202 || status == 204 || type == null) {
      return response.body().mapEmpty();
    }
    if (type.startsWith("text/event-stream")) {
      readEvents(response, new StreamState(relatedId, 0));
      return Future.succeededFuture();
    }
    return response.body().map(body -> {
      deliverJson(body.toString(), relatedId);
      return null;
    });
  }

  /**
   * The {@code params._meta.traceparent} of a message, for the header; null when it carries none or one not of the W3C
   * form ({@code 00-<32 hex>-<16 hex>-<2 hex>}): what a client wrote there never reaches a header unchecked.
   */
  static String traceparent(JsonObject message) {
    String value = message.getValue("params") instanceof JsonObject params && params.getValue("_meta") instanceof JsonObject meta
        && meta.getValue("traceparent") instanceof String text ? text : null;
    if (value == null || value.length() != 55) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean dash = i == 2 || i == 35 || i == 52;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    return value;
  }

  /**
   * The {@code -32022} (unsupported protocol version) an error body carries, with its {@code data.supported}; null for
   * any other body. A modern-only server answers a 2025 {@code initialize} so, and names the revision to switch to.
   */
  static McpException unsupportedVersion(Buffer body) {
    try {
      return Json.decodeValue(body.toString().strip()) instanceof JsonObject message
          && message.getValue("error") instanceof JsonObject error && error.getValue("code") instanceof Number code
          && code.intValue() == Modern.UNSUPPORTED_PROTOCOL_VERSION ? McpException.fromError(error) : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  /**
   * The spec answers an unknown session with 404; servers built on older SDK examples answer 400 with a
   * message about the session id. Both mean: initialize again.
   */
  static boolean isSessionGone(int status, String detail) {
    return status == 404 || (status == 400 && detail.toLowerCase(java.util.Locale.ROOT).contains("session"));
  }

  private void openGetStream() {
    if (closed || getStream != null) {
      return;
    }
    connectGet(new StreamState(null, 0));
  }

  /** Opens a GET stream: the standalone one, or the resumption of a stream ({@code Last-Event-ID}). */
  private void connectGet(StreamState state) {
    if (closed || (state.relatedId == null && getStream != null)) {
      return;
    }
    RequestOptions options = options(HttpMethod.GET).putHeader("Accept", "text/event-stream");
    if (state.lastEventId != null) {
      options.putHeader("Last-Event-ID", state.lastEventId);
    }
    http.request(options)
        .compose(request -> request.send())
        .onSuccess(response -> {
          if (response.statusCode() == 200) {
            if (state.relatedId == null) {
              getStream = response;
            }
            readEvents(response, state);
          } else {
            response.body();
            LOG.debug("upstream '{}' offers no GET stream (HTTP {})", config.name(), response.statusCode());
            giveUp(state, "HTTP " + response.statusCode());
          }
        })
        .onFailure(error -> {
          LOG.debug("upstream '{}' GET stream failed: {}", config.name(), error.getMessage());
          reconnectLater(state.next(), error.getMessage());
        });
  }

  private void readEvents(HttpClientResponse response, StreamState state) {
    SseEventParser parser = new SseEventParser(event -> {
      state.sawEvent = true;
      if ("message".equals(event.type())) {
        deliverJson(event.data(), state);
      }
    }, problem -> {
      LOG.warn("upstream '{}' sent {}; connection dropped", config.name(), problem);
      response.request().reset();
      lost(new IllegalStateException("upstream sent " + problem));
    });
    response.handler(chunk -> {
      parser.feed(chunk);
      state.lastEventId = parser.lastEventId() != null ? parser.lastEventId() : state.lastEventId;
      state.retryMs = parser.retryMs() >= 0 ? parser.retryMs() : state.retryMs;
    });
    response.exceptionHandler(error -> {
      LOG.debug("upstream '{}' stream broke: {}", config.name(), error.getMessage());
      streamEnded(response, state);
    });
    response.endHandler(v -> streamEnded(response, state));
  }

  /** A stream ended: the GET stream is reopened, a POST stream whose response has not come is resumed. */
  private void streamEnded(HttpClientResponse response, StreamState state) {
    if (getStream == response) {
      getStream = null;
    }
    if (closed || state.answered || state.ended) {
      return;
    }
    state.ended = true;
    if (state.relatedId != null && state.lastEventId == null) {
      giveUp(state, "the stream ended before the response and gave no event id to resume from");
      return;
    }
    reconnectLater(state.next(), "the stream ended");
  }

  /** Waits the server's {@code retry} (longer after fruitless reconnections), then reconnects. */
  private void reconnectLater(StreamState state, String why) {
    if (closed) {
      return;
    }
    if (state.exhausted()) {
      giveUp(state, why + " (" + StreamState.MAX_RECONNECTS + " reconnections brought nothing)");
      return;
    }
    long delay = state.reconnectDelayMs();
    LOG.debug("upstream '{}': {}; reconnecting in {} ms", config.name(), why, delay);
    long[] timer = new long[1];
    timer[0] = vertx.setTimer(delay, t -> {
      timers.remove(timer[0]);
      if (!closed) {
        connectGet(state);
      }
    });
    timers.add(timer[0]);
  }

  /** A stream cannot be resumed: the call it should have answered fails now instead of at its timeout. */
  private void giveUp(StreamState state, String why) {
    if (state.relatedId == null || state.answered || closed) {
      return;
    }
    LOG.warn("upstream '{}' did not answer request {}: {}", config.name(), state.relatedId, why);
    state.answered = true;
    messageHandler.handle(JsonRpc.error(state.relatedId, new McpException(JsonRpc.INTERNAL_ERROR,
        "upstream '" + config.name() + "' closed the response stream before answering: " + why)), state.relatedId);
  }

  private void deliverJson(String text, Object relatedId) {
    deliverJson(text, new StreamState(relatedId, 0));
  }

  private void deliverJson(String text, StreamState state) {
    Object relatedId = state.relatedId;
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    try {
      Object decoded = Json.decodeValue(trimmed);
      if (decoded instanceof JsonObject object) {
        deliver(object, state);
      } else if (decoded instanceof JsonArray array) {
        array.stream().filter(JsonObject.class::isInstance).forEach(item -> deliver((JsonObject) item, state));
      }
    } catch (DecodeException e) {
      LOG.warn("upstream '{}' sent invalid JSON; skipped: {}", config.name(), e.getMessage());
    }
  }

  private void deliver(JsonObject message, StreamState state) {
    if (state.relatedId != null && state.relatedId.equals(message.getValue("id")) && JsonRpc.isResponse(message)) {
      state.answered = true;
    }
    messageHandler.handle(message, state.relatedId);
  }

  private <T> Future<T> lost(Throwable error) {
    if (!closed) {
      closed = true;
      closeHandler.handle("connection lost: " + error.getMessage());
    }
    return Future.failedFuture(error);
  }

  private RequestOptions options(HttpMethod method) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(config.url());
    config.headers().forEach(options::putHeader);
    if (sessionId != null) {
      options.putHeader(SESSION_HEADER, sessionId);
    }
    if (protocolVersion != null) {
      options.putHeader(PROTOCOL_HEADER, protocolVersion);
    }
    return options;
  }

  @Override
  public Future<Void> close() {
    if (closed && sessionId == null) {
      return Future.succeededFuture();
    }
    closed = true;
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    if (getStream != null) {
      getStream.request().reset();
    }
    if (sessionId == null) {
      return Future.succeededFuture();
    }
    return http.request(options(HttpMethod.DELETE).setTimeout(CLOSE_TIMEOUT_MS))
        .compose(request -> request.send())
        .compose(HttpClientResponse::body)
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** The start of an error body, for messages and logs: the server's words, with secrets (its own headers' values) masked. */
  static String abbreviate(Buffer body, java.util.Collection<String> secrets) {
    String text = Secrets.redact(body.toString().strip(), secrets);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
