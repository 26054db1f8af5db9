package io.mcphub.gateway.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.json.JsonObject;

/**
 * W3C trace context in an MCP message's {@code params._meta} ({@code traceparent}, {@code tracestate}), as the MCP
 * convention carries it (SEP-414) and the OpenTelemetry MCP conventions recommend. The propagator checks the format: a
 * malformed value is ignored.
 */
final class TraceContext {

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<JsonObject> META = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(JsonObject meta) {
      return meta.fieldNames();
    }

    @Override
    public String get(JsonObject meta, String key) {
      return meta != null && meta.getValue(key) instanceof String value ? value : null;
    }
  };

  private TraceContext() {
  }

  /** The context {@code params._meta} carries; the root context when it carries none. */
  static Context extract(JsonObject params) {
    JsonObject meta = params != null && params.getValue("_meta") instanceof JsonObject object ? object : null;
    return meta == null ? Context.root() : W3C.extract(Context.root(), meta, META);
  }

  /** Puts {@code context}'s trace context into {@code params._meta} (made when absent), replacing what was there. */
  static void inject(Context context, JsonObject params) {
    if (params == null) {
      return;
    }
    Object meta = params.getValue("_meta");
    if (meta == null) {
      meta = new JsonObject();
      params.put("_meta", meta);
    }
    if (meta instanceof JsonObject carrier) {
      carrier.remove("tracestate");
      W3C.inject(context, carrier, (target, key, value) -> target.put(key, value));
    }
  }
}
