package io.mcphub.categorizer;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * Serves any {@link Categorizer} on the event bus at {@link CategorizerAddresses#of(String)}: parses each
 * request, replies with the {@linkplain Categorization#normalizedFor normalized} answer, or fails the
 * message with a {@link CategorizerFailures} code and a one-line reason. Nothing a categorizer throws
 * escapes. The consumer is unregistered and the categorizer closed when the verticle stops.
 */
public final class CategorizerVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(CategorizerVerticle.class.getName());

  private final String name;
  private final Function<Vertx, Categorizer> factory;
  private Categorizer categorizer;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<JsonObject> statusConsumer;

  /**
   * @param name the categorizer's name (its address suffix)
   * @param factory creates the categorizer on the verticle's context at start
   */
  public CategorizerVerticle(String name, Function<Vertx, Categorizer> factory) {
    this.name = name;
    this.factory = factory;
  }

  /** Serves the categorizer a factory creates from {@code config}. */
  public static CategorizerVerticle of(CategorizerFactory factory, JsonObject config) {
    return new CategorizerVerticle(factory.name(), vertx -> factory.create(vertx, config));
  }

  @Override
  public Future<?> start() {
    try {
      categorizer = factory.apply(vertx);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    consumer = vertx.eventBus().consumer(CategorizerAddresses.of(name), this::handle);
    statusConsumer = vertx.eventBus().consumer(CategorizerAddresses.statusOf(name), this::status);
    return Future.all(consumer.completion(), statusConsumer.completion());
  }

  /** The categorizer's name. */
  public String name() {
    return name;
  }

  private void handle(Message<JsonObject> message) {
    long start = System.nanoTime();
    CategorizationRequest request;
    try {
      request = CategorizationRequest.fromJson(message.body());
    } catch (CategorizerException e) {
      message.fail(e.code(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      message.fail(CategorizerFailures.INVALID_REQUEST, "the request body must be a JSON object");
      return;
    }
    Future<Categorization> answer;
    try {
      answer = categorizer.categorize(request);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(result -> {
      if (result.succeeded() && result.result() != null) {
        long latency = (System.nanoTime() - start) / 1_000_000;
        Categorization normalized = result.result().normalizedFor(request);
        message.reply(normalized.withLatency(normalized.latencyMs() > 0 ? normalized.latencyMs() : latency).toJson());
      } else if (result.cause() instanceof CategorizerException failure) {
        message.fail(failure.code(), failure.getMessage());
      } else {
        LOG.log(System.Logger.Level.WARNING, "categorizer '" + name + "' failed unexpectedly", result.cause());
        message.fail(CategorizerFailures.INTERNAL, "categorizer '" + name + "' failed");
      }
    });
  }

  private void status(Message<JsonObject> message) {
    try {
      message.reply(categorizer.status());
    } catch (RuntimeException e) {
      message.fail(CategorizerFailures.INTERNAL, "categorizer '" + name + "' could not report its status");
    }
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture()
        : Future.all(consumer.unregister(), statusConsumer.unregister()).mapEmpty();
    return unregistered.eventually(() -> categorizer == null ? Future.succeededFuture() : categorizer.close());
  }
}
