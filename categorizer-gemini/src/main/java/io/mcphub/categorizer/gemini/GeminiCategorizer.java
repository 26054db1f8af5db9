package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks Gemini which categories a prompt needs. One {@code generateContent} call per new prompt, the key only in
 * the {@code x-goog-api-key} header; 429s, 5xx answers and connection errors are retried with jittered exponential
 * backoff inside the {@code timeoutMs} budget; a circuit breaker stops calling a failing API for a while; answers
 * are cached. Every failure is a {@link CategorizerException} with a one-line reason that never holds the key.
 */
final class GeminiCategorizer implements Categorizer {

  /**
   * What one call produced: an answer, or a refusal of this prompt (blocked, cut off, not JSON). Refusals pass the
   * circuit breaker as successes: they say nothing about whether the API is up.
   */
  private record Outcome(Categorization answer, CategorizerException refusal) {
  }

  private static final long BACKOFF_BASE_MS = 100;

  private final Vertx vertx;
  private final GeminiOptions options;
  private final WebClient client;
  private final CircuitBreaker breaker;
  private final AnswerCache cache;
  private long calls;
  private long failures;
  private long cacheHits;
  private String lastError;

  GeminiCategorizer(Vertx vertx, GeminiOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
            .setKeepAliveTimeout((int) Math.max(1, options.keepAliveTimeoutMs() / 1000)).setUserAgent("mcp-hub"),
        new PoolOptions().setHttp1MaxSize(options.maxConnections()));
    this.breaker = CircuitBreaker.create("gemini", vertx, new CircuitBreakerOptions()
        .setMaxFailures(options.circuitFailures()).setResetTimeout(options.circuitResetMs()).setTimeout(-1));
    this.cache = new AnswerCache(options.cacheSize(), options.cacheTtlMs());
  }

  @Override
  public Future<Categorization> categorize(CategorizationRequest request) {
    String key = AnswerCache.key(request, options.model());
    Categorization cached = cache.get(key);
    if (cached != null) {
      cacheHits++;
      return Future.succeededFuture(cached);
    }
    calls++;
    long start = System.nanoTime();
    long deadline = System.currentTimeMillis() + options.timeoutMs();
    JsonObject body = GeminiRequests.body(request, options);
    return breaker.<Outcome>execute(() -> attempt(body, request, deadline, 0))
        .compose(outcome -> outcome.refusal() == null ? Future.succeededFuture(outcome.answer())
            : Future.failedFuture(outcome.refusal()))
        .recover(this::failure)
        .map(answer -> answer.withLatency((System.nanoTime() - start) / 1_000_000))
        .onSuccess(answer -> cache.put(key, answer));
  }

  private Future<Outcome> attempt(JsonObject body, CategorizationRequest request, long deadline, int retry) {
    long remaining = deadline - System.currentTimeMillis();
    if (remaining <= 0) {
      return Future.failedFuture(timedOut());
    }
    return client.postAbs(options.baseUrl() + options.path())
        .putHeader("x-goog-api-key", options.apiKey())
        .putHeader("Content-Type", "application/json")
        .timeout(remaining)
        .sendJsonObject(body)
        .transform(outcome -> outcome.succeeded()
            ? answered(outcome.result(), body, request, deadline, retry)
            : unreachable(outcome.cause(), body, request, deadline, retry));
  }

  private Future<Outcome> answered(HttpResponse<Buffer> response, JsonObject body, CategorizationRequest request,
      long deadline, int retry) {
    int status = response.statusCode();
    if (status == 200) {
      try {
        return Future.succeededFuture(new Outcome(GeminiAnswers.parse(response.body(), request, options.model()), null));
      } catch (CategorizerException e) {
        return Future.succeededFuture(new Outcome(null, e));
      }
    }
    CategorizerException error = GeminiAnswers.httpError(status, response.body());
    return GeminiAnswers.retryable(status) ? retryLater(error, body, request, deadline, retry) : Future.failedFuture(error);
  }

  private Future<Outcome> unreachable(Throwable cause, JsonObject body, CategorizationRequest request, long deadline,
      int retry) {
    if (cause instanceof TimeoutException || System.currentTimeMillis() >= deadline) {
      return Future.failedFuture(timedOut());
    }
    return retryLater(new CategorizerException(CategorizerFailures.UNAVAILABLE, "cannot reach Gemini: " + cause.getMessage()),
        body, request, deadline, retry);
  }

  private Future<Outcome> retryLater(CategorizerException error, JsonObject body, CategorizationRequest request,
      long deadline, int retry) {
    long delay = (long) (BACKOFF_BASE_MS * (1L << retry) * (0.5 + ThreadLocalRandom.current().nextDouble()));
    if (retry >= options.retryCount() || System.currentTimeMillis() + delay >= deadline) {
      return Future.failedFuture(error);
    }
    return vertx.timer(delay, TimeUnit.MILLISECONDS).compose(t -> attempt(body, request, deadline, retry + 1));
  }

  private Future<Categorization> failure(Throwable error) {
    failures++;
    CategorizerException failure;
    if (error instanceof OpenCircuitException) {
      failure = new CategorizerException(CategorizerFailures.UNAVAILABLE, "circuit open after " + options.circuitFailures()
          + " failures in a row; Gemini is tried again after " + options.circuitResetMs() + " ms");
    } else if (error instanceof CategorizerException known) {
      failure = known;
    } else {
      failure = new CategorizerException(CategorizerFailures.INTERNAL, "Gemini call failed");
    }
    lastError = failure.getMessage();
    return Future.failedFuture(failure);
  }

  private CategorizerException timedOut() {
    return new CategorizerException(CategorizerFailures.TIMEOUT, "Gemini did not answer within " + options.timeoutMs() + " ms");
  }

  @Override
  public JsonObject status() {
    JsonObject status = new JsonObject().put("model", options.model()).put("circuit", breaker.state().name())
        .put("calls", calls).put("failures", failures).put("cacheHits", cacheHits).put("cacheSize", cache.size());
    return lastError == null ? status : status.put("lastError", lastError);
  }

  @Override
  public Future<Void> close() {
    breaker.close();
    client.close();
    return Future.succeededFuture();
  }
}
