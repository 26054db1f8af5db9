package io.mcphub.gateway.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spans recorded with the OpenTelemetry SDK and exported in batches over OTLP/HTTP (protobuf, the JDK's HttpClient) from
 * the SDK's own thread: no event loop waits for the collector. The batch queue is the SDK's (2,048 spans); past it, spans
 * are dropped. With vertx-opentelemetry on the class path, the current context lives in the Vert.x context.
 */
final class OtelHubTracer implements HubTracer {

  static final String INSTRUMENTATION_SCOPE = "io.mcphub.gateway";
  private static final Logger LOG = LoggerFactory.getLogger(OtelHubTracer.class);
  /** Longer attribute values (client-chosen ones, such as a resource URI) are cut. */
  static final int MAX_ATTRIBUTE_LENGTH = 1_024;
  /** Stopping waits this long at most for the last spans to leave. */
  static final long CLOSE_TIMEOUT_MS = 3_000;

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private OtelHubTracer(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider.get(INSTRUMENTATION_SCOPE);
  }

  static OtelHubTracer create(TracingOptions options) {
    ReportingExporter.silenceSdkExportLog();
    SpanExporter exporter = new ReportingExporter(OtlpHttpSpanExporter.builder().setEndpoint(options.endpoint()).build(),
        options.endpoint());
    LOG.info("tracing on: spans to {} as service {}, sample ratio {}", ReportingExporter.withoutUserInfo(options.endpoint()),
        options.serviceName(), options.sampleRatio());
    return new OtelHubTracer(SdkTracerProvider.builder()
        .setResource(Resource.getDefault()
            .merge(Resource.create(Attributes.of(SpanAttributes.SERVICE_NAME, options.serviceName()))))
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(options.sampleRatio())))
        .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(MAX_ATTRIBUTE_LENGTH).build())
        .addSpanProcessor(BatchSpanProcessor.builder(exporter)
            .setScheduleDelay(options.exportDelayMs(), TimeUnit.MILLISECONDS).build())
        .build());
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public <T> Future<T> serve(McpSpan request, JsonObject params, Supplier<Future<T>> work) {
    Context parent = TraceContext.extract(params);
    SpanBuilder builder = tracer.spanBuilder(request.spanName()).setParent(parent).setSpanKind(SpanKind.SERVER)
        .setAttribute(SpanAttributes.MCP_METHOD, request.method())
        .setAttribute(SpanAttributes.MCP_SESSION, request.session())
        .setAttribute(SpanAttributes.JSONRPC_REQUEST_ID, request.requestId())
        .setAttribute(SpanAttributes.NETWORK_TRANSPORT, "tcp")
        .setAttribute(SpanAttributes.NETWORK_PROTOCOL, "http");
    target(builder, request.method(), request.target());
    if (request.resourceUri() != null) {
      builder.setAttribute(SpanAttributes.MCP_RESOURCE_URI, request.resourceUri());
    }
    Span span = builder.startSpan();
    OtelSpan handling = new OtelSpan(tracer, span, parent.with(span));
    TraceContext.inject(handling.context(), params);
    Future<T> outcome;
    try (Scope scope = handling.context().makeCurrent()) {
      outcome = work.get();
    }
    return handling.endWith(outcome);
  }

  @Override
  public TraceSpan startInternal(String name) {
    Context current = Context.current();
    if (!Span.fromContext(current).getSpanContext().isValid()) {
      return TraceSpan.NONE;
    }
    Span span = tracer.spanBuilder(name).setParent(current).setSpanKind(SpanKind.INTERNAL).startSpan();
    return new OtelSpan(tracer, span, current.with(span));
  }

  @Override
  public TraceSpan startUpstream(UpstreamSpan call, JsonObject params) {
    Context parent = TraceContext.extract(params);
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return TraceSpan.NONE;
    }
    String target = McpSpan.target(call.method(), params);
    SpanBuilder builder = tracer.spanBuilder(target == null ? call.method() : call.method() + " " + target)
        .setParent(parent).setSpanKind(SpanKind.CLIENT)
        .setAttribute(SpanAttributes.MCP_METHOD, call.method())
        .setAttribute(SpanAttributes.UPSTREAM_SERVER, call.server())
        .setAttribute(SpanAttributes.NETWORK_TRANSPORT, call.overHttp() ? "tcp" : "pipe");
    if (call.overHttp()) {
      builder.setAttribute(SpanAttributes.NETWORK_PROTOCOL, "http");
    }
    target(builder, call.method(), target);
    Span span = builder.startSpan();
    OtelSpan calling = new OtelSpan(tracer, span, parent.with(span));
    TraceContext.inject(calling.context(), params);
    return calling;
  }

  private static void target(SpanBuilder builder, String method, String target) {
    if (target == null) {
      return;
    }
    if ("tools/call".equals(method)) {
      builder.setAttribute(SpanAttributes.TOOL_NAME, target).setAttribute(SpanAttributes.OPERATION, SpanAttributes.EXECUTE_TOOL);
    } else {
      builder.setAttribute(SpanAttributes.PROMPT_NAME, target);
    }
  }

  @Override
  public Future<Void> close() {
    io.vertx.core.Context owner = Vertx.currentContext();
    Promise<Void> closed = Promise.promise();
    long timer = owner == null ? -1 : owner.owner().setTimer(CLOSE_TIMEOUT_MS, t -> closed.tryComplete());
    CompletableResultCode shutdown = provider.shutdown();
    shutdown.whenComplete(() -> {
      if (owner == null) {
        closed.tryComplete();
      } else {
        owner.runOnContext(v -> {
          owner.owner().cancelTimer(timer);
          closed.tryComplete();
        });
      }
    });
    return closed.future();
  }
}
