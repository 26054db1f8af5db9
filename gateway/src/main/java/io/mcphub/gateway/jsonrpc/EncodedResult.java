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

  private EncodedResult(java.util.Map<String, Object> content, String encoded) {
    super(content);
    this.encoded = encoded;
  }

  /**
   * This result with more top-level fields, none of which it has yet: the text is spliced, not written again (a
   * 2026-07-28 envelope around a cached tool list).
   */
  public EncodedResult with(JsonObject more) {
    java.util.Map<String, Object> content = new java.util.LinkedHashMap<>(getMap());
    content.putAll(more.getMap());
    String fields = more.encode();
    if (more.isEmpty()) {
      return new EncodedResult(content, encoded);
    }
    String text = encoded.length() <= 2 ? fields : encoded.substring(0, encoded.length() - 1) + "," + fields.substring(1);
    return new EncodedResult(content, text);
  }

  /** The JSON text of this result, as it was when it was made. */
  public String encoded() {
    return encoded;
  }
}
