package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code logging/setLevel}, per client: the session receives upstream log messages at or above its level, and no
 * other client's level changes what it receives (see {@link Hub#logLevelChanged}).
 */
final class LoggingHandler implements McpHandler {

  /** Applies a session's new level to the upstreams that serve it ({@link Hub#logLevelChanged}). */
  private final java.util.function.Consumer<io.mcphub.gateway.session.Session> levelChanged;

  LoggingHandler(java.util.function.Consumer<io.mcphub.gateway.session.Session> levelChanged) {
    this.levelChanged = levelChanged;
  }

  @Override
  public Future<JsonObject> handle(McpRequest request) {
    String level = Params.requiredString(request.params(), "level");
    if (!LogLevels.isLevel(level)) {
      return Future.failedFuture(McpException.invalidParams(
          "params.level \"" + level + "\" is not one of " + LogLevels.all()));
    }
    request.session().logLevel(level);
    levelChanged.accept(request.session());
    return Future.succeededFuture(new JsonObject());
  }
}
