package io.mcphub.gateway.mcp;

import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.upstream.Upstream;
import io.mcphub.gateway.upstream.UpstreamState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code logging/setLevel}: the session receives upstream log messages at or above the level; every
 * connected upstream that logs is asked for that level too.
 */
final class LoggingHandler implements McpHandler {

  private final Hub hub;

  LoggingHandler(Hub hub) {
    this.hub = hub;
  }

  @Override
  public Future<JsonObject> handle(McpRequest request) {
    String level = Params.requiredString(request.params(), "level");
    if (!Hub.isLogLevel(level)) {
      return Future.failedFuture(McpException.invalidParams(
          "params.level \"" + level + "\" is not one of " + Hub.logLevels()));
    }
    request.session().logLevel(level);
    for (Upstream upstream : hub.upstreams()) {
      if (upstream.state() == UpstreamState.CONNECTED && upstream.catalog().hasCapability("logging")) {
        upstream.call(McpMethods.LOGGING_SET_LEVEL, new JsonObject().put("level", level), null);
      }
    }
    return Future.succeededFuture(new JsonObject());
  }
}
