package io.mcphub.categorizer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A category a prompt may need, as sent to categorizers. The hub sends the deployment's non-empty categories: the
 * configured taxonomy's and those it derives from its servers ({@code google-maps}, {@code stripe}), each with how many
 * tools it holds and a sample of their names, so that a categorizer can tell what the category really covers.
 *
 * <p>Wire form: {@code {"name": "stripe", "description": "...", "tools": ["stripe__create_refund", ...],
 * "toolCount": 22}}. {@code tools} and {@code toolCount} are optional (absent when unknown), so requests of older hubs
 * and categorizers that ignore them keep working.
 *
 * @param name e.g. {@code filesystem}
 * @param description what tools of the category do, for LLM categorizers (may be empty)
 * @param tools a sample of the names of the category's tools (may be empty; at most {@link #MAX_TOOLS})
 * @param toolCount how many tools the category holds (0 when unknown)
 */
public record CategoryDefinition(String name, String description, List<String> tools, int toolCount) {

  /** The most tool names one definition carries. */
  public static final int MAX_TOOLS = 64;

  public CategoryDefinition {
    if (name == null || name.isBlank()) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "a category needs a name");
    }
    description = description == null ? "" : description;
    tools = tools == null ? List.of() : List.copyOf(tools);
    if (tools.size() > MAX_TOOLS) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST,
          "categories[].tools lists " + tools.size() + " names; the limit is " + MAX_TOOLS);
    }
    if (toolCount < 0) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[].toolCount must not be negative");
    }
  }

  /** A category known only by its name and description. */
  public CategoryDefinition(String name, String description) {
    this(name, description, List.of(), 0);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("description", description);
    if (!tools.isEmpty()) {
      json.put("tools", new JsonArray(tools));
    }
    if (toolCount > 0) {
      json.put("toolCount", toolCount);
    }
    return json;
  }

  /** Parses the wire form; throws {@link CategorizerException} with {@link CategorizerFailures#INVALID_REQUEST}. */
  public static CategoryDefinition fromJson(JsonObject json) {
    Object name = json.getValue("name");
    Object description = json.getValue("description");
    Object tools = json.getValue("tools");
    Object toolCount = json.getValue("toolCount");
    if (!(name instanceof String text)) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[].name must be a string");
    }
    if (tools != null && !(tools instanceof JsonArray)) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[].tools must be an array of names");
    }
    if (toolCount != null && !(toolCount instanceof Integer || toolCount instanceof Long)) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[].toolCount must be an integer");
    }
    long count = toolCount == null ? 0 : ((Number) toolCount).longValue();
    if (count > Integer.MAX_VALUE) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[].toolCount is out of range");
    }
    return new CategoryDefinition(text, description instanceof String d ? d : "", names((JsonArray) tools), (int) count);
  }

  private static List<String> names(JsonArray array) {
    List<String> names = new ArrayList<>();
    if (array == null) {
      return names;
    }
    if (array.size() > MAX_TOOLS) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST,
          "categories[].tools lists " + array.size() + " names; the limit is " + MAX_TOOLS);
    }
    for (Object item : array) {
      if (!(item instanceof String tool)) {
        throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[].tools must hold strings");
      }
      names.add(tool);
    }
    return names;
  }
}
