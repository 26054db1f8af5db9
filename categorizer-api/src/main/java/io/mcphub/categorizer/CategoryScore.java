package io.mcphub.categorizer;

import io.vertx.core.json.JsonObject;

/**
 * How much a prompt needs one category.
 *
 * @param confidence in [0, 1]; the hub exposes categories at or above its threshold (0.7 by default)
 */
public record CategoryScore(String category, double confidence) {

  public JsonObject toJson() {
    return new JsonObject().put("category", category).put("confidence", confidence);
  }

  public static CategoryScore fromJson(JsonObject json) {
    Object category = json.getValue("category");
    Object confidence = json.getValue("confidence");
    if (!(category instanceof String name) || !(confidence instanceof Number number)) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, "a score needs a string category and a numeric confidence");
    }
    return new CategoryScore(name, number.doubleValue());
  }
}
