package io.mcphub.categorizer.llm;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The health of one LLM provider as its calls go: {@code healthy} until a call fails, {@code failing} after a failure,
 * {@code circuit_open} while the circuit breaker refuses calls, {@code healthy} again after the next answer. The last
 * real error (the provider's own answer, a timeout, a connection error) and when it happened are kept apart from the
 * circuit: a call refused because the circuit is open never replaces the error that opened it. A prompt the model
 * would not answer ({@link FailureClass#BAD_ANSWER}) is counted but says nothing about the provider. Used on one
 * context.
 */
final class ProviderHealth {

  /** The states, as reported in {@code health}. */
  enum State {
    HEALTHY, FAILING, CIRCUIT_OPEN;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Map<FailureClass, Long> failures = new EnumMap<>(FailureClass.class);
  private State state = State.HEALTHY;
  private Instant since = Instant.now();
  private String lastError;
  private FailureClass lastErrorClass;
  private Instant lastErrorAt;
  private long consecutiveFailures;

  void answered() {
    consecutiveFailures = 0;
    enter(State.HEALTHY);
  }

  /**
   * Records a failed call.
   *
   * @param circuitOpen whether the circuit breaker is open after it
   */
  void failed(FailureClass reason, String message, boolean circuitOpen) {
    failures.merge(reason, 1L, Long::sum);
    if (reason == FailureClass.BAD_ANSWER) {
      return;
    }
    consecutiveFailures++;
    if (reason != FailureClass.CIRCUIT_OPEN) {
      lastError = message;
      lastErrorClass = reason;
      lastErrorAt = Instant.now();
    }
    enter(circuitOpen || reason == FailureClass.CIRCUIT_OPEN ? State.CIRCUIT_OPEN : State.FAILING);
  }

  State state() {
    return state;
  }

  private void enter(State next) {
    if (next != state) {
      state = next;
      since = Instant.now();
    }
  }

  /**
   * Adds {@code health}, {@code healthSince}, {@code consecutiveFailures}, {@code failuresByClass} and, once a call
   * failed, {@code lastError}, {@code lastErrorClass} and {@code lastErrorAt} (ISO-8601) to {@code status}.
   */
  JsonObject addTo(JsonObject status) {
    JsonObject byClass = new JsonObject();
    failures.forEach((reason, count) -> byClass.put(reason.label(), count));
    status.put("health", state.label()).put("healthSince", since.toString()).put("consecutiveFailures", consecutiveFailures)
        .put("failuresByClass", byClass);
    if (lastError != null) {
      status.put("lastError", lastError).put("lastErrorClass", lastErrorClass.label()).put("lastErrorAt", lastErrorAt.toString());
    }
    return status;
  }
}
