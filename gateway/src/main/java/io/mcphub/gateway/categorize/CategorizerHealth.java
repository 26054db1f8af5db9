package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.CategorizerAddresses;
import io.mcphub.gateway.metrics.HubMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a categorizer's failures visible. A categorizer that reports its health in its status ({@code health}:
 * {@code healthy}, {@code failing}, {@code circuit_open}, as the LLM categorizers do) is followed here: every change
 * is one WARN line with the reason (the last real error, its class and time), never one per call; its failures are
 * counted by class in {@code /metrics} ({@code mcp_hub_categorizer_provider_failures}) beside two gauges,
 * {@code mcp_hub_categorizer_health} (0 healthy, 1 failing, 2 circuit open) and
 * {@code mcp_hub_categorizer_circuit_state} (0 closed, 1 half-open, 2 open). The status is read when an analysis
 * sees the provider fail (or answer again after failing) and whenever {@code /health} asks. One per Vert.x instance,
 * so that it outlives the analyzers a reload replaces.
 */
public final class CategorizerHealth implements Shareable {

  private static final Logger LOG = LoggerFactory.getLogger(CategorizerHealth.class);
  public static final String HEALTHY = "healthy";
  public static final String FAILING = "failing";
  public static final String CIRCUIT_OPEN = "circuit_open";
  /** The failure classes counted by name; any other is counted as {@value HubMetrics#OTHER}. */
  static final Set<String> CLASSES = Set.of("auth", "quota", "timeout", "unreachable", "server_error", "rejected",
      "bad_answer", "circuit_open", "internal");
  private static final long STATUS_TIMEOUT_MS = 500;
  private static final String SHARED_KEY = "mcp-hub.categorizer-health";

  /** What the hub last saw of one categorizer. */
  private static final class Watched {
    private String health = HEALTHY;
    private final AtomicInteger healthCode = new AtomicInteger();
    private final AtomicInteger circuitCode = new AtomicInteger();
    private final Map<String, Long> counted = new HashMap<>();
  }

  private final Vertx vertx;
  private final HubMetrics metrics;
  private final Map<String, Watched> watched = new HashMap<>();

  private CategorizerHealth(Vertx vertx, HubMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /** The one of {@code vertx}. */
  public static CategorizerHealth of(Vertx vertx) {
    return vertx.sharedData().<String, CategorizerHealth>getLocalMap(SHARED_KEY)
        .computeIfAbsent(SHARED_KEY, key -> new CategorizerHealth(vertx, HubMetrics.of(vertx)));
  }

  /** Reads the categorizer's status and {@linkplain #observe observes} it. */
  public void refresh(String name) {
    vertx.eventBus().<JsonObject>request(CategorizerAddresses.statusOf(name), new JsonObject(),
            new DeliveryOptions().setSendTimeout(STATUS_TIMEOUT_MS))
        .onSuccess(reply -> observe(name, reply.body()));
  }

  /** Whether the categorizer was last seen failing. */
  public synchronized boolean failing(String name) {
    Watched seen = watched.get(name);
    return seen != null && !HEALTHY.equals(seen.health);
  }

  /** Takes in a status the categorizer reported; one without {@code health} is not followed. */
  public synchronized void observe(String name, JsonObject status) {
    if (!(status.getValue("health") instanceof String health)) {
      return;
    }
    Watched seen = watched.computeIfAbsent(name, this::watch);
    count(name, seen, status.getValue("failuresByClass") instanceof JsonObject byClass ? byClass : new JsonObject());
    seen.circuitCode.set(circuitCode(status.getString("circuit", "")));
    seen.healthCode.set(healthCode(health));
    String before = seen.health;
    seen.health = health;
    if (!health.equals(before)) {
      logChange(name, before, health, status);
    }
  }

  /** Forgets what was seen of a categorizer that is undeployed: a new deployment starts healthy, its counts from 0. */
  public synchronized void forget(String name) {
    Watched seen = watched.get(name);
    if (seen != null) {
      seen.health = HEALTHY;
      seen.healthCode.set(0);
      seen.circuitCode.set(0);
      seen.counted.clear();
    }
  }

  private Watched watch(String name) {
    Watched seen = new Watched();
    metrics.categorizerHealthGauges(name, seen.healthCode::get, seen.circuitCode::get);
    return seen;
  }

  /** Counts what the cumulative counts grew by since last seen (all of them after a restart, when they shrank). */
  private void count(String name, Watched seen, JsonObject byClass) {
    for (String reason : byClass.fieldNames()) {
      if (!(byClass.getValue(reason) instanceof Number number)) {
        continue;
      }
      long total = number.longValue();
      long before = seen.counted.getOrDefault(reason, 0L);
      long grown = total >= before ? total - before : total;
      seen.counted.put(reason, total);
      if (grown > 0) {
        metrics.categorizerFailures(name, CLASSES.contains(reason) ? reason : HubMetrics.OTHER, grown);
      }
    }
  }

  private static void logChange(String name, String before, String health, JsonObject status) {
    String cause = status.getString("lastError") == null ? "no error recorded"
        : status.getString("lastErrorClass", "error") + " at " + status.getString("lastErrorAt", "?") + ": " + status.getString("lastError");
    String message = switch (health) {
      case HEALTHY -> "categorizer '" + name + "' recovered (was " + before + "); last error was " + cause;
      case FAILING -> "categorizer '" + name + "' is failing: " + cause;
      case CIRCUIT_OPEN -> "categorizer '" + name + "' circuit open after " + status.getValue("consecutiveFailures", "repeated")
          + " failures in a row: calls are refused without asking it until it is tried again; last error " + cause;
      default -> "categorizer '" + name + "' is " + health + " (was " + before + "); last error " + cause;
    };
    LOG.atWarn().addKeyValue("categorizer", name).addKeyValue("from", before).addKeyValue("to", health)
        .addKeyValue("reason", status.getString("lastErrorClass")).log(message);
  }

  private static int healthCode(String health) {
    return switch (health) {
      case HEALTHY -> 0;
      case CIRCUIT_OPEN -> 2;
      default -> 1;
    };
  }

  private static int circuitCode(String circuit) {
    return switch (circuit) {
      case "OPEN" -> 2;
      case "HALF_OPEN" -> 1;
      default -> 0;
    };
  }
}
