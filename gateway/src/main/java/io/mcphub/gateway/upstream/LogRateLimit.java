package io.mcphub.gateway.upstream;

import java.util.function.LongSupplier;

/**
 * A token bucket for log lines from one source: a burst, then a steady rate. {@link #admit()} says whether a line may
 * be logged and how many were suppressed since the last one that was, so that the log says so once when it resumes.
 * Used by one thread.
 */
final class LogRateLimit {

  private final int burst;
  private final double perNano;
  private final LongSupplier nanoClock;
  private double tokens;
  private long refilledAt;
  private long suppressed;

  LogRateLimit(int burst, double perSecond, LongSupplier nanoClock) {
    this.burst = burst;
    this.perNano = perSecond / 1_000_000_000d;
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.refilledAt = nanoClock.getAsLong();
  }

  /**
   * -1 when this line must be suppressed; otherwise the number of lines suppressed before it (0 usually), which the
   * caller reports.
   */
  long admit() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    if (tokens < 1) {
      suppressed++;
      return -1;
    }
    tokens--;
    long report = suppressed;
    suppressed = 0;
    return report;
  }

  /** Lines suppressed and not yet reported. */
  long suppressed() {
    return suppressed;
  }
}
