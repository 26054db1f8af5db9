package io.mcphub.categorizer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a categorizer is asked. Wire form:
 * {@code {"prompt": "...", "context": "...", "categories": [{"name": "...", "description": "..."}], "sessionId": "..."}};
 * each category may also carry {@code "tools"} (a sample of its tool names) and {@code "toolCount"}, see
 * {@link CategoryDefinition}. The hub asks about the deployment's non-empty categories, those derived from its servers
 * included, within a size budget.
 *
 * @param prompt the user's request (never empty; at most {@link #MAX_PROMPT_CHARS} characters)
 * @param context optional conversation context (may be empty)
 * @param categories the categories to score; never empty
 * @param sessionId the client session asking (for logs and caches; may be empty)
 */
public record CategorizationRequest(String prompt, String context, List<CategoryDefinition> categories, String sessionId) {

  /** The longest prompt (and context) a request may carry: 32 KiB of characters. */
  public static final int MAX_PROMPT_CHARS = 32 * 1024;

  public CategorizationRequest {
    if (prompt == null || prompt.isBlank()) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "prompt must be a non-empty string");
    }
    if (prompt.length() > MAX_PROMPT_CHARS) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST,
          "prompt has " + prompt.length() + " characters; the limit is " + MAX_PROMPT_CHARS);
    }
    context = context == null ? "" : context;
    if (context.length() > MAX_PROMPT_CHARS) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST,
          "context has " + context.length() + " characters; the limit is " + MAX_PROMPT_CHARS);
    }
    if (categories == null || categories.isEmpty()) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories must list at least one category");
    }
    categories = List.copyOf(categories);
    sessionId = sessionId == null ? "" : sessionId;
  }

  /** True when {@code name} is one of the requested categories. */
  public boolean asks(String name) {
    return categories.stream().anyMatch(category -> category.name().equals(name));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    categories.forEach(category -> list.add(category.toJson()));
    return new JsonObject().put("prompt", prompt).put("context", context).put("categories", list).put("sessionId", sessionId);
  }

  /** Parses the wire form; throws {@link CategorizerException} with {@link CategorizerFailures#INVALID_REQUEST}. */
  public static CategorizationRequest fromJson(JsonObject json) {
    if (json == null) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "the request body must be a JSON object");
    }
    Object prompt = json.getValue("prompt");
    Object context = json.getValue("context");
    Object categories = json.getValue("categories");
    Object sessionId = json.getValue("sessionId");
    if (!(prompt instanceof String)) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "prompt must be a non-empty string");
    }
    if (!(categories instanceof JsonArray array)) {
      throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories must be an array of {name, description}");
    }
    List<CategoryDefinition> definitions = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject object)) {
        throw new CategorizerException(CategorizerFailures.INVALID_REQUEST, "categories[] must hold objects");
      }
      definitions.add(CategoryDefinition.fromJson(object));
    }
    return new CategorizationRequest((String) prompt, context instanceof String c ? c : "", definitions,
        sessionId instanceof String s ? s : "");
  }
}
