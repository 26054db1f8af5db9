package io.mcphub.categorizer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Asks a categorizer over the event bus, always with a send timeout. Failures arrive as
 * {@link CategorizerException}: the categorizer's own code, {@link CategorizerFailures#TIMEOUT} when it did
 * not answer in time, {@link CategorizerFailures#UNAVAILABLE} when nothing listens at its address.
 */
public final class CategorizerClient {

  private final Vertx vertx;
  private final String name;
  private final DeliveryOptions delivery;

  public CategorizerClient(Vertx vertx, String name, long timeoutMs) {
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("timeoutMs must be positive");
    }
    this.vertx = vertx;
    this.name = name;
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  public String name() {
    return name;
  }

  public Future<Categorization> categorize(CategorizationRequest request) {
    return vertx.eventBus().<JsonObject>request(CategorizerAddresses.of(name), request.toJson(), delivery)
        .map(reply -> Categorization.fromJson(reply.body()))
        .recover(error -> Future.failedFuture(asCategorizerException(error)));
  }

  private CategorizerException asCategorizerException(Throwable error) {
    if (error instanceof CategorizerException known) {
      return known;
    }
    if (error instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new CategorizerException(CategorizerFailures.TIMEOUT, "categorizer '" + name + "' did not answer in time");
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new CategorizerException(CategorizerFailures.UNAVAILABLE, "categorizer '" + name + "' is not running");
      }
      return new CategorizerException(reply.failureCode(), reply.getMessage());
    }
    return new CategorizerException(CategorizerFailures.INTERNAL, "categorizer '" + name + "' failed");
  }
}
