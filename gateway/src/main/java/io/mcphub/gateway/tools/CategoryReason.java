package io.mcphub.gateway.tools;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Why a tool has its category, as {@code /api/tools} shows it in {@code categoryReason}: {@code {"by": "mapping", "glob":
 * "github__*"}}, {@code {"by": "server"}} (the server entry's {@code category}), {@code {"by": "learned"}} (an LLM said
 * so), {@code {"by": "rule", "words": ["file", "directory"]}} (the words of its name and description that decided),
 * or {@code {"by": "derived", "server": "google-maps"}} (no rule was confident: the category of its server).
 *
 * @param by how the category was decided: one of the constants below
 * @param detail the glob of a mapping or the server of a derived category; empty otherwise
 * @param words the words that decided a rule, heaviest first; empty otherwise
 */
public record CategoryReason(String by, String detail, List<String> words) {

  public static final String MAPPING = "mapping";
  public static final String SERVER = "server";
  public static final String LEARNED = "learned";
  public static final String RULE = "rule";
  public static final String DERIVED = "derived";
  /** Prompts and anything else that is not categorized. */
  public static final String NONE = "none";

  public CategoryReason {
    detail = detail == null ? "" : detail;
    words = words == null ? List.of() : List.copyOf(words);
  }

  static CategoryReason of(String by) {
    return new CategoryReason(by, "", List.of());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("by", by);
    switch (by) {
      case MAPPING -> json.put("glob", detail);
      case DERIVED -> json.put("server", detail);
      case RULE -> json.put("words", new JsonArray(words));
      default -> {
      }
    }
    return json;
  }
}
