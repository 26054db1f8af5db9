package io.mcphub.categorizer;

import io.vertx.core.json.JsonObject;

/**
 * How much a prompt needs one tool, as a categorizer that scores tools says ({@link Categorization#tools()}).
 *
 * @param name the tool's namespaced name, as the hub published it in its {@link ToolDescriptor}
 * @param confidence in [0, 1], calibrated like category confidences: at or above the hub's threshold (0.7 by default)
 *     means the categorizer is confident the request needs this tool
 */
public record ToolScore(String name, double confidence) {

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("confidence", confidence);
  }

  /** Parses one score; throws {@link CategorizerException} ({@link CategorizerFailures#INTERNAL}) when malformed. */
  public static ToolScore fromJson(JsonObject json) {
    Object name = json.getValue("name");
    Object confidence = json.getValue("confidence");
    if (!(name instanceof String text) || text.isEmpty() || !(confidence instanceof Number number)) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, "a tool score needs a string name and a numeric confidence");
    }
    return new ToolScore(text, number.doubleValue());
  }
}
