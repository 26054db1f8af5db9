package io.mcphub.gateway.mcp;

import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.RequestOrigin;
import io.vertx.core.json.JsonObject;

/**
 * One client request being handled.
 *
 * @param id the client's id, echoed verbatim
 * @param params never null (an absent {@code params} is an empty object)
 * @param origin the exchange through which anything about this request reaches the client
 */
public record McpRequest(Session session, Object id, String method, JsonObject params, RequestOrigin origin) {
}
