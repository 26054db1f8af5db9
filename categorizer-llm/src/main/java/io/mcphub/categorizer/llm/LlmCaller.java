package io.mcphub.categorizer.llm;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.Secrets;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The resilient call every LLM categorizer makes: answers from the cache when it can; otherwise one exchange with the
 * provider, retried after rate limits, server errors and connection errors with jittered exponential backoff (or the
 * provider's {@code Retry-After}) inside the {@code timeoutMs} budget; behind a circuit breaker that refusals of a
 * single prompt (blocked, cut off, malformed) do not trip. Every failure is a {@link CategorizerException} whose
 * reason has been through {@link Secrets} (the API key and anything shaped like a secret removed). Every call's outcome
 * feeds the provider's {@link ProviderHealth}, reported by {@link #status()}. Used on one context.
 */
public final class LlmCaller {

  /**
   * What one exchange with the provider produced.
   *
   * @param reason why it failed (null for an answer)
   */
  public record Outcome(Kind kind, Categorization answer, CategorizerException failure, long retryAfterMs, FailureClass reason) {

    public static Outcome answer(Categorization answer) {
      return new Outcome(Kind.ANSWER, answer, null, 0, null);
    }

    /** The provider answered but not usefully for this prompt: fails the call, not the provider. */
    public static Outcome refusal(CategorizerException failure) {
      return new Outcome(Kind.REFUSAL, null, failure, 0, FailureClass.BAD_ANSWER);
    }

    /** Worth another try: 429, 5xx, no connection. {@code retryAfterMs} 0 means use the backoff. */
    public static Outcome retryable(CategorizerException failure, long retryAfterMs, FailureClass reason) {
      return new Outcome(Kind.RETRYABLE, null, failure, retryAfterMs, reason);
    }

    /** Not worth another try (a rejected key, a bad request). */
    public static Outcome fatal(CategorizerException failure, FailureClass reason) {
      return new Outcome(Kind.FATAL, null, failure, 0, reason);
    }

    /**
     * An HTTP error from the provider: a 429 or a 5xx is worth another try (after {@code retryAfterMs}, or the backoff
     * when 0), anything else is not; classed by its status ({@link FailureClass#ofHttpStatus}).
     */
    public static Outcome httpError(int status, CategorizerException failure, long retryAfterMs) {
      return httpError(status, FailureClass.ofHttpStatus(status), failure, retryAfterMs);
    }

    /** An HTTP error the provider's answer classes more precisely than its status (Gemini's 400 for a bad key). */
    public static Outcome httpError(int status, FailureClass reason, CategorizerException failure, long retryAfterMs) {
      return status == 429 || status >= 500 ? retryable(failure, retryAfterMs, reason) : fatal(failure, reason);
    }
  }

  /** A failure on its way through the circuit breaker, with its class. */
  private static final class ClassifiedFailure extends RuntimeException {

    private final FailureClass reason;

    ClassifiedFailure(FailureClass reason, CategorizerException failure) {
      super(failure.getMessage(), failure, false, false);
      this.reason = reason;
    }
  }

  /** The kinds of {@link Outcome}. */
  public enum Kind { ANSWER, REFUSAL, RETRYABLE, FATAL }

  /** One HTTP exchange with the provider, given the milliseconds left in the budget. */
  @FunctionalInterface
  public interface Exchange {
    Future<Outcome> send(long remainingMs);
  }

  private static final long BACKOFF_BASE_MS = 100;

  private final Vertx vertx;
  private final String provider;
  private final LlmOptions options;
  private final CircuitBreaker breaker;
  private final AnswerCache cache;
  private final WebClient client;
  private long calls;
  private long failures;
  private long cacheHits;
  private final ProviderHealth health = new ProviderHealth();

  /**
   * @param provider how reasons name the provider, e.g. "Gemini"
   */
  public LlmCaller(Vertx vertx, String provider, LlmOptions options) {
    this.vertx = vertx;
    this.provider = provider;
    this.options = options;
    this.breaker = CircuitBreaker.create(provider, vertx, new CircuitBreakerOptions()
        .setMaxFailures(options.circuitFailures()).setResetTimeout(options.circuitResetMs()).setTimeout(-1));
    this.cache = new AnswerCache(options.cacheSize(), options.cacheTtlMs());
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
            .setKeepAliveTimeout((int) Math.max(1, options.keepAliveTimeoutMs() / 1000)).setUserAgent("mcp-hub"),
        new PoolOptions().setHttp1MaxSize(options.maxConnections()));
  }

  /** The web client for the provider's API, pooled per the hub's {@code connectionPool}. */
  public WebClient client() {
    return client;
  }

  public Future<Categorization> call(CategorizationRequest request, Exchange exchange) {
    String key = AnswerCache.key(request, options.model());
    Categorization cached = cache.get(key);
    if (cached != null) {
      cacheHits++;
      return Future.succeededFuture(cached);
    }
    calls++;
    long start = System.nanoTime();
    long deadline = System.currentTimeMillis() + options.timeoutMs();
    return breaker.<Outcome>execute(() -> attempt(exchange, deadline, 0))
        .compose(outcome -> outcome.kind() == Kind.ANSWER ? Future.succeededFuture(outcome.answer())
            : Future.failedFuture(new ClassifiedFailure(outcome.reason(), outcome.failure())))
        .recover(this::failure)
        .map(answer -> answer.withLatency((System.nanoTime() - start) / 1_000_000))
        .onSuccess(answer -> {
          health.answered();
          cache.put(key, answer);
        });
  }

  private Future<Outcome> attempt(Exchange exchange, long deadline, int retry) {
    long remaining = deadline - System.currentTimeMillis();
    if (remaining <= 0) {
      return Future.failedFuture(new ClassifiedFailure(FailureClass.TIMEOUT, timedOut()));
    }
    Future<Outcome> sent;
    try {
      sent = exchange.send(remaining);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.recover(error -> Future.succeededFuture(unreachable(error, deadline)))
        .compose(outcome -> switch (outcome.kind()) {
          case ANSWER, REFUSAL -> Future.succeededFuture(outcome);
          case FATAL -> Future.failedFuture(new ClassifiedFailure(outcome.reason(), outcome.failure()));
          case RETRYABLE -> retryLater(outcome, exchange, deadline, retry);
        });
  }

  private Outcome unreachable(Throwable error, long deadline) {
    if (error instanceof CategorizerException known) {
      return Outcome.fatal(known, FailureClass.INTERNAL);
    }
    if (error instanceof TimeoutException || System.currentTimeMillis() >= deadline) {
      return Outcome.fatal(timedOut(), FailureClass.TIMEOUT);
    }
    return Outcome.retryable(new CategorizerException(CategorizerFailures.UNAVAILABLE,
        "cannot reach " + provider + ": " + Secrets.redact(String.valueOf(error.getMessage()), keys())), 0, FailureClass.UNREACHABLE);
  }

  private Future<Outcome> retryLater(Outcome outcome, Exchange exchange, long deadline, int retry) {
    long delay = outcome.retryAfterMs() > 0 ? outcome.retryAfterMs()
        : (long) (BACKOFF_BASE_MS * (1L << retry) * (0.5 + ThreadLocalRandom.current().nextDouble()));
    if (retry >= options.retryCount() || System.currentTimeMillis() + delay >= deadline) {
      return Future.failedFuture(new ClassifiedFailure(outcome.reason(), outcome.failure()));
    }
    return vertx.timer(delay, TimeUnit.MILLISECONDS).compose(t -> attempt(exchange, deadline, retry + 1));
  }

  private Future<Categorization> failure(Throwable error) {
    failures++;
    CategorizerException failure;
    FailureClass reason;
    if (error instanceof OpenCircuitException) {
      reason = FailureClass.CIRCUIT_OPEN;
      failure = new CategorizerException(CategorizerFailures.UNAVAILABLE, "circuit open after " + options.circuitFailures()
          + " failures in a row; " + provider + " is tried again after " + options.circuitResetMs() + " ms");
    } else if (error instanceof ClassifiedFailure classified && classified.getCause() instanceof CategorizerException known) {
      reason = classified.reason;
      failure = new CategorizerException(known.code(), Secrets.redact(known.getMessage(), keys()));
    } else if (error instanceof CategorizerException known) {
      reason = FailureClass.INTERNAL;
      failure = new CategorizerException(known.code(), Secrets.redact(known.getMessage(), keys()));
    } else {
      reason = FailureClass.INTERNAL;
      failure = new CategorizerException(CategorizerFailures.INTERNAL, provider + " call failed");
    }
    health.failed(reason, failure.getMessage(), breaker.state() == CircuitBreakerState.OPEN);
    return Future.failedFuture(failure);
  }

  private java.util.List<String> keys() {
    return options.apiKey() == null ? java.util.List.of() : java.util.List.of(options.apiKey());
  }

  private CategorizerException timedOut() {
    return new CategorizerException(CategorizerFailures.TIMEOUT, provider + " did not answer within " + options.timeoutMs() + " ms");
  }

  /**
   * For {@code /health}; never a secret: the model, the circuit state ({@code CLOSED}, {@code OPEN},
   * {@code HALF_OPEN}), counters, cache, and the provider's {@linkplain ProviderHealth health} ({@code health},
   * {@code lastError}, {@code lastErrorClass}, {@code lastErrorAt}, {@code failuresByClass}).
   */
  public JsonObject status() {
    return health.addTo(new JsonObject().put("model", options.model()).put("circuit", breaker.state().name())
        .put("calls", calls).put("failures", failures).put("cacheHits", cacheHits).put("cacheSize", cache.size()));
  }

  /** Closes the breaker and the web client. */
  public Future<Void> close() {
    breaker.close();
    client.close();
    return Future.succeededFuture();
  }
}
