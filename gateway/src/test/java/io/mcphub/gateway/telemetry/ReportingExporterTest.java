package io.mcphub.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** A collector that stops answering is one WARN (naming it, without credentials), not one line per batch. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReportingExporterTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(ReportingExporter.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level levelBefore;
  private boolean succeed;

  @BeforeEach
  void capture() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(levelBefore);
  }

  @Test
  void oneWarningWhenSpansStopArrivingAndOneLineWhenTheyArriveAgain() {
    ReportingExporter exporter = new ReportingExporter(new FakeExporter(), "http://user:pw@collector:4318/v1/traces");
    exporter.export(List.of());
    exporter.export(List.of());
    exporter.export(List.of());
    succeed = true;
    exporter.export(List.of());
    exporter.export(List.of());
    succeed = false;
    exporter.export(List.of());

    assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
    assertThat(lines.list.get(0).getFormattedMessage()).contains("http://collector:4318/v1/traces").doesNotContain("pw");
  }

  private final class FakeExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return succeed ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
