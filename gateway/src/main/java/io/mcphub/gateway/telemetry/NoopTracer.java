package io.mcphub.gateway.telemetry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** Tracing off: no span, no context, nothing exported. */
final class NoopTracer implements HubTracer {

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public <T> Future<T> serve(McpSpan request, JsonObject params, Supplier<Future<T>> work) {
    return work.get();
  }

  @Override
  public TraceSpan startInternal(String name) {
    return TraceSpan.NONE;
  }

  @Override
  public TraceSpan startUpstream(UpstreamSpan call, JsonObject params) {
    return TraceSpan.NONE;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
