package io.mcphub.gateway.telemetry;

import io.vertx.core.Future;

/** A span in progress. {@link #NONE} records nothing and costs nothing. */
public interface TraceSpan {

  /** No span: every method does nothing. */
  TraceSpan NONE = new TraceSpan() {
    @Override
    public TraceSpan child(String operation, String target) {
      return this;
    }

    @Override
    public TraceSpan attribute(String key, String value) {
      return this;
    }

    @Override
    public <T> Future<T> endWith(Future<T> outcome) {
      return outcome;
    }
  };

  /** A client span (a call the hub makes) under this one, named {@code "operation target"}. */
  TraceSpan child(String operation, String target);

  /** Sets an attribute; a null value is left out. Never pass prompts, arguments or secrets. */
  TraceSpan attribute(String key, String value);

  /** Ends the span when {@code outcome} completes (an error status when it fails); returns {@code outcome}. */
  <T> Future<T> endWith(Future<T> outcome);
}
