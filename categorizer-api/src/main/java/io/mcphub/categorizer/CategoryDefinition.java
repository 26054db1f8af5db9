package io.mcphub.categorizer;

import io.vertx.core.json.JsonObject;

/**
 * A category a prompt may need, as sent to categorizers.
 *
 * @param name e.g. {@code filesystem}
 * @param description what tools of the category do, for LLM categorizers (may be empty)
 */
public record CategoryDefinition(String name, String description) {

  public CategoryDefinition {
    if (name == null || name.isBlank()) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "a category needs a name");
    }
    description = description == null ? "" : description;
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("description", description);
  }

  public static CategoryDefinition fromJson(JsonObject json) {
    Object name = json.getValue("name");
    Object description = json.getValue("description");
    if (!(name instanceof String text)) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[].name must be a string");
    }
    return new CategoryDefinition(text, description instanceof String d ? d : "");
  }
}
