package io.mcphub.categorizer;

import io.vertx.core.json.JsonObject;

/**
 * One upstream tool as the hub publishes it to categorizers that score tools ({@link ToolCatalogListener}). Wire
 * form: {@code {"name": "github__create_issue", "text": "github create issue. Create issue. Create a new issue ..."}}.
 *
 * @param name the tool's namespaced name: what {@link ToolScore#name()} refers to
 * @param text what the tool is about, in words: its name's words, title, description and server, at most
 *     {@link #MAX_TEXT_CHARS} characters
 */
public record ToolDescriptor(String name, String text) {

  /** The longest text a descriptor carries. */
  public static final int MAX_TEXT_CHARS = 1_000;

  public ToolDescriptor {
    if (name == null || name.isEmpty()) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "a tool needs a name");
    }
    text = text == null ? "" : text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("text", text);
  }

  /** Parses one descriptor; throws {@link CategorizerException} ({@link CategorizerFailures#INVALID_REQUEST}). */
  public static ToolDescriptor fromJson(JsonObject json) {
    Object name = json.getValue("name");
    Object text = json.getValue("text");
    if (!(name instanceof String n) || !(text instanceof String t)) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "a tool needs a string name and text");
    }
    return new ToolDescriptor(n, t);
  }
}
