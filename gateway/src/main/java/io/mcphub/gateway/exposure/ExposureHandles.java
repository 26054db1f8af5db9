package io.mcphub.gateway.exposure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The hub's exposure handles ({@link ExposureHandle}): minted by every analysis and by {@code POST /api/views}, read
 * by {@code hub__call_tool} and by the sessions of a view URL. Handles never change once minted, so a clustered
 * implementation can serve reads from a local replica; that is why reads are synchronous (they sit inside the
 * exposure predicate of {@code tools/list}). Bounded: handles live {@link #ttl()}, and beyond the store's capacity
 * (hub-wide, and per principal) the oldest are dropped. Confined to the hub's context.
 */
public interface ExposureHandles {

  /** How long a handle lives unless configured otherwise; the meta tools' descriptions state it. */
  Duration DEFAULT_TTL = Duration.ofHours(1);
  /** How many handles the hub keeps at most; minting one more drops the oldest. */
  int DEFAULT_MAX_HANDLES = 10_000;
  /**
   * How many handles one principal keeps at most (with auth); minting one more drops that principal's oldest, so one
   * client cannot push every other client's handles out. Without auth clients are indistinguishable: only the
   * hub-wide bound applies.
   */
  int DEFAULT_MAX_PER_PRINCIPAL = 1_000;
  /** How much of a client-supplied id an answer repeats (the hub's ids are 22 characters). */
  int MAX_SHOWN_ID_CHARS = 64;

  static ExposureHandles inMemory() {
    return inMemory(DEFAULT_TTL, DEFAULT_MAX_HANDLES, DEFAULT_MAX_PER_PRINCIPAL, System::currentTimeMillis);
  }

  /** An in-memory store with the given lifetime, capacities and clock (tests pass their own clock). */
  static ExposureHandles inMemory(Duration ttl, int maxHandles, int maxPerPrincipal, LongSupplier clock) {
    return new InMemoryExposureHandles(ttl, maxHandles, maxPerPrincipal, clock);
  }

  /** Mints a handle for {@code owner} (null without auth) holding an analysis' categories and tools. */
  ExposureHandle mint(String owner, Set<String> categories, List<String> tools);

  /** The handle {@code id} names, as {@code principal} may use it, or why it may not. */
  Lookup lookup(String id, String principal);

  /**
   * Keeps {@code handle}, minted on another node of a cluster, under the same bounds as the handles minted here; a
   * handle already kept or expired is ignored.
   */
  void adopt(ExposureHandle handle);

  /**
   * Makes sure a handle another node minted moments ago is known here before {@link #lookup} reads it (a clustered store
   * fetches an id it does not hold yet; every node adopts new handles on its own shortly after). Done at once alone.
   */
  default io.vertx.core.Future<Void> fetch(String id) {
    return io.vertx.core.Future.succeededFuture();
  }

  /** Completes once every handle minted here is readable on every node (a clustered store); done at once alone. */
  default io.vertx.core.Future<Void> flush() {
    return io.vertx.core.Future.succeededFuture();
  }

  /** How long a handle lives after it is minted. */
  Duration ttl();

  /** How many handles are kept now (expired ones linger until they are swept or evicted). */
  int size();

  /** Why a handle cannot be used. */
  enum Problem {
    UNKNOWN("is unknown: it was never issued, or it was dropped to make room for newer ones"),
    EXPIRED("has expired"),
    FOREIGN("was issued to another credential");

    private final String why;

    Problem(String why) {
      this.why = why;
    }

    /** A sentence naming the problem with {@code id} (cut short when too long to be one), for a client to read. */
    public String describe(String id) {
      String shown = id.length() > MAX_SHOWN_ID_CHARS ? id.substring(0, MAX_SHOWN_ID_CHARS) + "…" : id;
      return "exposureId " + shown + " " + why;
    }
  }

  /** A handle that may be used ({@code problem} null), or the problem ({@code handle} null). */
  record Lookup(ExposureHandle handle, Problem problem) {

    static Lookup found(ExposureHandle handle) {
      return new Lookup(handle, null);
    }

    static Lookup refused(Problem problem) {
      return new Lookup(null, problem);
    }
  }
}
