package io.mcphub.gateway.health;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * A logback appender that hands warnings and errors to the running hub, which sends them as {@code log} events on
 * {@code /api/events}. Until a hub connects its sink, events are dropped.
 */
public final class LogEvents extends AppenderBase<ILoggingEvent> {

  private static volatile Consumer<JsonObject> sink;

  /** Connects the hub (or disconnects it, with null). */
  public static void sink(Consumer<JsonObject> logSink) {
    sink = logSink;
  }

  @Override
  protected void append(ILoggingEvent event) {
    Consumer<JsonObject> target = sink;
    if (target != null && event.getLevel().isGreaterOrEqual(Level.WARN)) {
      target.accept(new JsonObject().put("type", event.getLevel().toString().toLowerCase(java.util.Locale.ROOT))
          .put("message", event.getFormattedMessage()).put("data", new JsonObject().put("logger", event.getLoggerName())));
    }
  }
}
