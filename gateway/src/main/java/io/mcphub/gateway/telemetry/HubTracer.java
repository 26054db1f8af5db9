package io.mcphub.gateway.telemetry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The hub's few tracing hooks: a server span per MCP request, child spans for what the hub does on its behalf (prompt
 * analysis, categorizer calls, upstream calls). {@link #NOOP} when tracing is off: it creates no span and looks up no
 * context, and callers skip their hooks on {@link #enabled()}.
 *
 * <p>Trace context travels with the message, as the MCP convention has it (SEP-414, the 2026-07-28 revision): a
 * client's W3C {@code traceparent} in {@code params._meta} is the parent of the request span, which puts its own there
 * in its place; an upstream call's span is a child of the {@code traceparent} its params carry and replaces it with its
 * own before the message leaves (HTTP upstreams also receive it as the {@code traceparent} header).
 *
 * @see <a href="https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/">OpenTelemetry semantic conventions for MCP</a>
 */
public interface HubTracer {

  /** Tracing off. */
  HubTracer NOOP = new NoopTracer();

  /** The OpenTelemetry tracer for {@code options}, or {@link #NOOP} when they do not enable tracing. */
  static HubTracer create(TracingOptions options) {
    return options.enabled() ? OtelHubTracer.create(options) : NOOP;
  }

  /** The tracer the hub on {@code vertx} runs with; {@link #NOOP} when none is registered. */
  static HubTracer of(Vertx vertx) {
    return Registry.TRACERS.getOrDefault(vertx, NOOP);
  }

  /** Makes {@code tracer} the one {@link #of(Vertx)} returns for {@code vertx}; {@code null} removes it. */
  static void register(Vertx vertx, HubTracer tracer) {
    if (tracer == null) {
      Registry.TRACERS.remove(vertx);
    } else {
      Registry.TRACERS.put(vertx, tracer);
    }
  }

  /**
   * Carries a client request's trace context ({@code _meta.traceparent}, {@code tracestate}) over to the params of an
   * upstream call the hub builds for it anew ({@code hub__call_tool}), unless they carry their own.
   */
  static void carry(JsonObject from, JsonObject to) {
    if (from == to || to == null || !(from.getValue("_meta") instanceof JsonObject meta)
        || !(meta.getValue("traceparent") instanceof String traceparent)) {
      return;
    }
    Object target = to.getValue("_meta");
    if (target == null) {
      target = new JsonObject();
      to.put("_meta", target);
    }
    if (target instanceof JsonObject carrier && carrier.getValue("traceparent") == null) {
      carrier.put("traceparent", traceparent);
      if (meta.getValue("tracestate") instanceof String tracestate) {
        carrier.put("tracestate", tracestate);
      }
    }
  }

  /** False for {@link #NOOP}: callers skip their hooks. */
  boolean enabled();

  /**
   * Runs {@code work} (the handling of one client request) inside a server span named after {@code request}. The
   * span's parent is the {@code traceparent} in {@code params._meta}, if any; the span's own replaces it there.
   */
  <T> Future<T> serve(McpSpan request, JsonObject params, Supplier<Future<T>> work);

  /** An internal span, child of the span current on this thread; {@link TraceSpan#NONE} when there is none. */
  TraceSpan startInternal(String name);

  /**
   * A client span for a request the hub sends upstream, child of the {@code traceparent} in {@code params._meta} (put
   * there by {@link #serve}); its own replaces it there. {@link TraceSpan#NONE} when {@code params} carry none.
   */
  TraceSpan startUpstream(UpstreamSpan call, JsonObject params);

  /** Exports what is left and stops. Never fails. */
  Future<Void> close();

  /** The tracers of the hubs running in this JVM, by Vert.x instance. */
  final class Registry {
    private static final Map<Vertx, HubTracer> TRACERS = new ConcurrentHashMap<>();

    private Registry() {
    }
  }
}
