package io.mcphub.gateway.config;

/**
 * Whether clients share one instance of an upstream server or each gets its own: a server entry's
 * {@code "isolation"} ({@code "shared"}, the default, or {@code "per-client"}), {@code "maxInstances"} and
 * {@code "instanceIdleTimeout"}. A per-client instance starts on a client's first call to the server, serves
 * only that client (its roots, log level, sampling and elicitation), restarts like any upstream, and stops when
 * the client's session ends or after it has been idle; the shared instance only lists what the server offers.
 *
 * @param perClient one instance per client session
 * @param maxInstances how many per-client instances of the server may run at once; past it, the least recently
 *     used idle instance is stopped, and if every instance is busy the call is refused with a retryable error
 * @param idleTimeoutMs a per-client instance with no call for this long is stopped
 */
public record IsolationOptions(boolean perClient, int maxInstances, long idleTimeoutMs) {

  public static final String SHARED = "shared";
  public static final String PER_CLIENT = "per-client";
  public static final int DEFAULT_MAX_INSTANCES = 20;
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;
  public static final IsolationOptions DEFAULT_SHARED =
      new IsolationOptions(false, DEFAULT_MAX_INSTANCES, DEFAULT_IDLE_TIMEOUT_MS);

  static IsolationOptions parse(FieldReader server) {
    String mode = server.string("isolation", SHARED);
    if (!SHARED.equals(mode) && !PER_CLIENT.equals(mode)) {
      server.problem("isolation", "got " + FieldReader.describe(mode) + ", expected one of " + SHARED + ", " + PER_CLIENT);
    }
    return new IsolationOptions(PER_CLIENT.equals(mode),
        (int) server.longInRange("maxInstances", DEFAULT_MAX_INSTANCES, 1, 10_000),
        server.longInRange("instanceIdleTimeout", DEFAULT_IDLE_TIMEOUT_MS, 1_000, 24L * 3_600_000));
  }
}
