package io.mcphub.gateway.jsonrpc;

import io.vertx.core.json.JsonObject;

/**
 * A result whose JSON text was written once and is sent many times (a cached {@code tools/list}): {@link JsonRpc#encode}
 * splices {@link #encoded()} into the response instead of serialising the tree again. Read it like any
 * {@code JsonObject}; never change it — it is shared by every session it is sent to.
 */
public final class EncodedResult extends JsonObject {

  private final String encoded;

  public EncodedResult(JsonObject content) {
    super(content.getMap());
    this.encoded = content.encode();
  }

  /** The JSON text of this result, as it was when it was made. */
  public String encoded() {
    return encoded;
  }
}
