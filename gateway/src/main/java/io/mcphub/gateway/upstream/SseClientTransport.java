package io.mcphub.gateway.upstream;

import io.mcphub.gateway.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote upstream over the deprecated HTTP+SSE transport (protocol 2024-11-05): a GET stream announces
 * the POST endpoint in an {@code endpoint} event, then carries every message from the server.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse">HTTP with SSE</a>
 */
final class SseClientTransport implements UpstreamTransport {

  private static final Logger LOG = LoggerFactory.getLogger(SseClientTransport.class);

  private final HttpClient http;
  private final ServerConfig config;
  private HttpClientResponse stream;
  private String endpoint;
  private boolean closed;

  SseClientTransport(HttpClient http, ServerConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler) {
    Promise<Void> ready = Promise.promise();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(config.url())
        .putHeader("Accept", "text/event-stream");
    config.headers().forEach(options::putHeader);
    http.request(options).compose(request -> request.send()).onComplete(result -> {
      if (result.failed()) {
        ready.tryFail(result.cause());
        return;
      }
      HttpClientResponse response = result.result();
      if (response.statusCode() != 200) {
        response.body();
        ready.tryFail(new HttpStatusException(config.name(), response.statusCode(), "SSE stream refused"));
        return;
      }
      stream = response;
      SseEventParser parser = new SseEventParser(event -> onEvent(event, messageHandler, ready),
          problem -> refuse(problem, ready, closeHandler));
      response.handler(parser::feed);
      response.exceptionHandler(error -> LOG.debug("upstream '{}' SSE stream error: {}", config.name(), error.getMessage()));
      response.endHandler(v -> {
        ready.tryFail(new IllegalStateException("SSE stream ended before the endpoint event"));
        if (!closed) {
          closed = true;
          closeHandler.handle("SSE stream closed by the server");
        }
      });
    });
    return ready.future();
  }

  /** The stream broke its framing (an oversized event): the connection is dropped and its calls fail. */
  private void refuse(String problem, Promise<Void> ready, Handler<String> closeHandler) {
    LOG.warn("upstream '{}' sent {} on its SSE stream; connection dropped", config.name(), problem);
    ready.tryFail(new IllegalStateException("upstream sent " + problem));
    if (!closed) {
      closed = true;
      stream.request().reset();
      closeHandler.handle("sent " + problem);
    }
  }

  private void onEvent(SseEventParser.Event event, MessageHandler messageHandler, Promise<Void> ready) {
    if ("endpoint".equals(event.type())) {
      endpoint = URI.create(config.url()).resolve(event.data().strip()).toString();
      ready.tryComplete();
      return;
    }
    if (!"message".equals(event.type())) {
      return;
    }
    try {
      messageHandler.handle(new JsonObject(event.data()), null);
    } catch (DecodeException e) {
      LOG.warn("upstream '{}' sent invalid JSON on its SSE stream; skipped", config.name());
    }
  }

  @Override
  public Future<Void> send(JsonObject message) {
    if (closed || endpoint == null) {
      return Future.failedFuture(new IllegalStateException("SSE transport not connected"));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint)
        .putHeader("Content-Type", "application/json");
    config.headers().forEach(options::putHeader);
    return http.request(options)
        .compose(request -> request.send(message.toBuffer()))
        .compose(response -> response.body().transform(body -> response.statusCode() < 300
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(new HttpStatusException(config.name(), response.statusCode(), null))));
  }

  @Override
  public Future<Void> close() {
    closed = true;
    if (stream != null) {
      stream.request().reset();
    }
    return Future.succeededFuture();
  }
}
