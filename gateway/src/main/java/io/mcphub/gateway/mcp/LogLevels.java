package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.session.Session;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/**
 * MCP log levels (RFC 5424 severities) and who receives an upstream's log message: each client sets its own
 * level with {@code logging/setLevel}; a message is relayed to a client only at or above that level.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging">Logging</a>
 */
final class LogLevels {

  private static final List<String> LEVELS =
      List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

  private LogLevels() {
  }

  static boolean isLevel(String level) {
    return LEVELS.contains(level);
  }

  static List<String> all() {
    return LEVELS;
  }

  /**
   * True unless {@code notification} is a log message below the level the session set. A message tied to the
   * session's own call reaches it even when it set no level (the server decides what to send then).
   */
  static boolean wants(Session session, JsonObject notification) {
    return !isLogMessage(notification) || session.logLevel() == null || atOrAbove(notification, session.logLevel());
  }

  /** True when the session asked for log messages ({@code logging/setLevel}) at or below this message's level. */
  static boolean asked(Session session, JsonObject notification) {
    return session.logLevel() != null && atOrAbove(notification, session.logLevel());
  }

  /** The most verbose level any of the sessions set, or null when none set one. */
  static String mostVerbose(Collection<Session> sessions) {
    return sessions.stream().map(Session::logLevel).filter(level -> level != null)
        .min((a, b) -> Integer.compare(LEVELS.indexOf(a), LEVELS.indexOf(b))).orElse(null);
  }

  private static boolean isLogMessage(JsonObject notification) {
    return McpMethods.NOTIFICATION_MESSAGE.equals(notification.getValue("method"));
  }

  private static boolean atOrAbove(JsonObject notification, String threshold) {
    JsonObject params = notification.getValue("params") instanceof JsonObject object ? object : new JsonObject();
    int level = LEVELS.indexOf(String.valueOf(params.getValue("level", "info")));
    return level >= LEVELS.indexOf(threshold);
  }
}
