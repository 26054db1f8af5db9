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
 * escapes. A categorizer that is a {@link ToolCatalogListener} also gets the hub's tool catalog: asked for once at
 * start, then every time the hub publishes a new one. The consumers are unregistered and the categorizer closed when
 * the verticle stops.
 */
public final class CategorizerVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(CategorizerVerticle.class.getName());
  /** How long the verticle waits for the hub's catalog at start; without a hub (tests, plugins alone) none comes. */
  private static final long CATALOG_TIMEOUT_MS = 5_000;

  private final String name;
  private final Function<Vertx, Categorizer> factory;
  private Categorizer categorizer;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<JsonObject> statusConsumer;
  private MessageConsumer<JsonObject> catalogConsumer;

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
    if (!(categorizer instanceof ToolCatalogListener listener)) {
      return Future.all(consumer.completion(), statusConsumer.completion());
    }
    catalogConsumer = vertx.eventBus().consumer(CategorizerAddresses.TOOLS_CHANGED, message -> catalog(listener, message.body()));
    return Future.all(consumer.completion(), statusConsumer.completion(), catalogConsumer.completion())
        .onSuccess(v -> vertx.eventBus().<JsonObject>request(CategorizerAddresses.TOOL_CATALOG, new JsonObject(),
                new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(CATALOG_TIMEOUT_MS))
            .onSuccess(reply -> catalog(listener, reply.body())));
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
    call(categorizer, request, start).onComplete(result -> {
      if (result.succeeded()) {
        message.reply(result.result().toJson());
      } else if (result.cause() instanceof CategorizerException failure) {
        message.fail(failure.code(), failure.getMessage());
      } else {
        LOG.log(System.Logger.Level.WARNING, "categorizer '" + name + "' failed unexpectedly", result.cause());
        message.fail(CategorizerFailures.INTERNAL, "categorizer '" + name + "' failed");
      }
    });
  }

  /**
   * Asks {@code categorizer} on the caller's thread, as this verticle does for a message: an exception it throws is a
   * failure, its answer is normalized for the request, and timed from {@code startNanos} unless it says its own
   * latency. Failures come back as they are (a {@link CategorizerException} names its code).
   */
  public static Future<Categorization> call(Categorizer categorizer, CategorizationRequest request, long startNanos) {
    Future<Categorization> answer;
    try {
      answer = categorizer.categorize(request);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.compose(result -> {
      if (result == null) {
        return Future.failedFuture(new IllegalStateException("the categorizer answered nothing"));
      }
      long latency = (System.nanoTime() - startNanos) / 1_000_000;
      Categorization normalized = result.normalizedFor(request);
      return Future.succeededFuture(normalized.withLatency(normalized.latencyMs() > 0 ? normalized.latencyMs() : latency));
    });
  }

  /** Hands a catalog to the listener: well-formed descriptors only, at most {@link ToolCatalogListener#MAX_TOOLS}. */
  private void catalog(ToolCatalogListener listener, JsonObject body) {
    java.util.List<ToolDescriptor> tools = new java.util.ArrayList<>();
    if (body != null && body.getValue("tools") instanceof io.vertx.core.json.JsonArray list) {
      for (Object item : list) {
        if (tools.size() >= ToolCatalogListener.MAX_TOOLS) {
          break;
        }
        if (item instanceof JsonObject json && json.getValue("name") instanceof String n && !n.isEmpty()
            && json.getValue("text") instanceof String) {
          tools.add(ToolDescriptor.fromJson(json));
        }
      }
    }
    try {
      listener.toolsChanged(tools);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "categorizer '" + name + "' failed to take the tool catalog", e);
    }
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
        : Future.all(consumer.unregister(), statusConsumer.unregister(),
            catalogConsumer == null ? Future.succeededFuture() : catalogConsumer.unregister()).mapEmpty();
    return unregistered.eventually(() -> categorizer == null ? Future.succeededFuture() : categorizer.close());
  }
}
