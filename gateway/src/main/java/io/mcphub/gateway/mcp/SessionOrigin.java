package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.JsonRpc;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.session.ClientStream;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.RequestOrigin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Relays upstream messages to one session, over a given stream (a POST answered as SSE) or the session's
 * own stream. A server-to-client request is relayed only if the client declared the capability it needs.
 */
public class SessionOrigin implements RequestOrigin {

  /** How long a client may take to answer a relayed request (a human may be answering an elicitation). */
  public static final long CLIENT_REQUEST_TIMEOUT_MS = 10 * 60_000;

  protected final Session session;

  public SessionOrigin(Session session) {
    this.session = session;
  }

  /** True when the client declared the capability that {@code method} needs. */
  public static boolean clientSupports(Session session, String method) {
    String capability = McpMethods.clientCapabilityOf(method);
    return capability == null || session.clientCapabilities().getValue(capability) != null;
  }

  /** True when the session asked for log messages at or below this one's level (and so for no log when it asked none). */
  public static boolean wantsLog(Session session, JsonObject notification) {
    return LogLevels.asked(session, notification);
  }

  /** Whether {@code level} is one of the MCP log levels. */
  public static boolean isLogLevel(String level) {
    return LogLevels.isLevel(level);
  }

  @Override
  public JsonObject clientCapabilities() {
    return session.clientCapabilities();
  }

  @Override
  public String clientId() {
    return session.id();
  }

  /** The stream for messages about this exchange; null means the session's own stream. */
  protected ClientStream stream() {
    return null;
  }

  @Override
  public void notify(JsonObject notification) {
    if (!LogLevels.wants(session, notification)) {
      return;
    }
    ClientStream stream = stream();
    if (stream == null || !stream.write(notification)) {
      session.send(notification);
    }
  }

  @Override
  public Future<JsonObject> request(String method, JsonObject params) {
    if (!clientSupports(session, method)) {
      return Future.failedFuture(new McpException(JsonRpc.METHOD_NOT_FOUND,
          "the client did not declare the capability " + method + " needs"));
    }
    return session.request(method, params, stream(), CLIENT_REQUEST_TIMEOUT_MS);
  }
}
