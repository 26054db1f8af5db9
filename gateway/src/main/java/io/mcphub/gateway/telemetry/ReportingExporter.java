package io.mcphub.gateway.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the hub's log when spans stop reaching the collector and when they reach it again: one WARN per change, not one
 * per batch. The SDK's own messages (java.util.logging, a line per failed batch) are silenced in its favour.
 */
final class ReportingExporter implements SpanExporter {

  private static final Logger LOG = LoggerFactory.getLogger(ReportingExporter.class);
  /** The SDK's exporter logger; held so that its level set here is kept. */
  private static final java.util.logging.Logger SDK_EXPORT_LOG =
      java.util.logging.Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter");

  private final SpanExporter delegate;
  private final String endpoint;
  private final AtomicBoolean failing = new AtomicBoolean();

  ReportingExporter(SpanExporter delegate, String endpoint) {
    this.delegate = delegate;
    this.endpoint = withoutUserInfo(endpoint);
  }

  /** Silences the SDK's per-batch failure lines: this exporter reports them once. */
  static void silenceSdkExportLog() {
    SDK_EXPORT_LOG.setLevel(java.util.logging.Level.OFF);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    CompletableResultCode result = delegate.export(spans);
    int count = spans.size();
    result.whenComplete(() -> {
      if (!result.isSuccess() && failing.compareAndSet(false, true)) {
        LOG.warn("tracing: {} spans could not be sent to {}; spans are dropped until it answers (calls are not affected)",
            count, endpoint);
      } else if (result.isSuccess() && failing.compareAndSet(true, false)) {
        LOG.info("tracing: {} accepts spans again", endpoint);
      }
    });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  /** The endpoint for logs: credentials in its user-info part are left out. */
  static String withoutUserInfo(String endpoint) {
    try {
      URI uri = URI.create(endpoint);
      return uri.getUserInfo() == null ? endpoint
          : new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "the OTLP endpoint";
    }
  }
}
