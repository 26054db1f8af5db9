package io.mcphub.gateway.telemetry;

import io.mcphub.categorizer.CategorizerException;
import io.mcphub.gateway.jsonrpc.McpException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A recording span and the context it is current in. Error details are codes only: messages may quote a prompt. */
final class OtelSpan implements TraceSpan {

  private final Tracer tracer;
  private final Span span;
  private final Context context;

  OtelSpan(Tracer tracer, Span span, Context context) {
    this.tracer = tracer;
    this.span = span;
    this.context = context;
  }

  Context context() {
    return context;
  }

  @Override
  public TraceSpan child(String operation, String target) {
    Span child = tracer.spanBuilder(operation + " " + target).setParent(context).setSpanKind(SpanKind.CLIENT).startSpan();
    return new OtelSpan(tracer, child, context.with(child));
  }

  @Override
  public TraceSpan attribute(String key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public <T> Future<T> endWith(Future<T> outcome) {
    outcome.onComplete(result -> {
      if (result.failed()) {
        failed(errorType(result.cause()));
      } else if (result.result() instanceof JsonObject answer && Boolean.TRUE.equals(answer.getValue("isError"))) {
        failed(SpanAttributes.TOOL_ERROR);
      }
      span.end();
    });
    return outcome;
  }

  private void failed(String type) {
    span.setAttribute(SpanAttributes.ERROR_TYPE, type);
    span.setStatus(StatusCode.ERROR);
  }

  private String errorType(Throwable error) {
    if (error instanceof McpException mcp) {
      span.setAttribute(SpanAttributes.RPC_STATUS, String.valueOf(mcp.code()));
      return String.valueOf(mcp.code());
    }
    if (error instanceof CategorizerException categorizer) {
      return String.valueOf(categorizer.code());
    }
    return error.getClass().getName();
  }
}
