package io.mcphub.categorizer.heuristic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cues of every category, indexed for a single pass over a prompt's tokens: exact words and phrases by
 * their first token, prefixes by their first two letters, substrings in a list. Immutable after loading.
 */
final class Lexicon {

  static final String RESOURCE = "/io/mcphub/categorizer/heuristic/lexicon.json";
  /** The weight of keywords that the config gives its own categories. */
  static final double CUSTOM_KEYWORD_WEIGHT = 0.8;
  static final String NO_TOOL = "no-tool";
  static final String NO_TOOL_OVERRIDE = "no-tool-override";
  /** Cues that the request acts on or reads the user's own systems or live data: a tool is likely needed. */
  static final String TOOL_NEED_PREFIX = "tool-need-";
  static final String TOOL_NEED_GROUNDING = TOOL_NEED_PREFIX + "grounding";
  /** Cues that the answer is general knowledge or text written into the chat: a tool is less likely needed. */
  static final String TOOL_NEED_AGAINST = TOOL_NEED_PREFIX + "against";

  /**
   * How likely a request needs a tool with no cue either way.
   */
  record ToolNeed(double neutral) {
  }

  private final Map<String, List<Cue>> byKey = new HashMap<>();
  private final Map<Character, List<Cue>> wordsByInitial = new HashMap<>();
  private final List<Cue> substrings = new ArrayList<>();
  private final java.util.Set<String> categories = new java.util.HashSet<>();
  private final double noToolFactor;
  private final ToolNeed toolNeed;

  private Lexicon(double noToolFactor, ToolNeed toolNeed) {
    this.noToolFactor = noToolFactor;
    this.toolNeed = toolNeed;
  }

  static Lexicon bundled() {
    try (InputStream in = Lexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)), new JsonArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Builds a lexicon from its JSON form plus {@code customCategories}: {@code [{"name": "payments",
   * "keywords": ["stripe", "refund*"]}]}; their keywords extend (or create) that category.
   */
  static Lexicon fromJson(JsonObject json, JsonArray customCategories) {
    JsonObject weights = json.getJsonObject("weights");
    JsonObject noTool = json.getJsonObject("noTool", new JsonObject());
    JsonObject need = json.getJsonObject("toolNeed", new JsonObject());
    Lexicon lexicon = new Lexicon(noTool.getDouble("factor", 1.0),
        new ToolNeed(need.getDouble("neutral", 1.0)));
    json.getJsonObject("categories").forEach(entry -> {
      JsonObject levels = (JsonObject) entry.getValue();
      for (String level : levels.fieldNames()) {
        double weight = weights.getDouble(level);
        levels.getJsonArray(level).forEach(cue -> lexicon.add(Cue.parse(entry.getKey(), (String) cue, weight)));
      }
    });
    noTool.getJsonArray("cues", new JsonArray()).forEach(cue -> lexicon.add(Cue.parse(NO_TOOL, (String) cue, 1.0)));
    noTool.getJsonArray("overrides", new JsonArray()).forEach(cue -> lexicon.add(Cue.parse(NO_TOOL_OVERRIDE, (String) cue, 1.0)));
    addLevels(lexicon, TOOL_NEED_GROUNDING, need.getJsonObject("grounding", new JsonObject()), weights);
    addLevels(lexicon, TOOL_NEED_AGAINST, need.getJsonObject("against", new JsonObject()), weights);
    for (Object item : customCategories) {
      JsonObject category = (JsonObject) item;
      category.getJsonArray("keywords", new JsonArray())
          .forEach(cue -> lexicon.add(Cue.parse(category.getString("name"), (String) cue, CUSTOM_KEYWORD_WEIGHT)));
    }
    return lexicon;
  }

  private static void addLevels(Lexicon lexicon, String category, JsonObject levels, JsonObject weights) {
    for (String level : levels.fieldNames()) {
      double weight = weights.getDouble(level);
      levels.getJsonArray(level).forEach(cue -> lexicon.add(Cue.parse(category, (String) cue, weight)));
    }
  }

  private void add(Cue cue) {
    categories.add(cue.category());
    if (cue.isSubstring()) {
      if (!cue.substring().isEmpty()) {
        substrings.add(cue);
      }
      return;
    }
    if (cue.tokens().isEmpty()) {
      return;
    }
    byKey.computeIfAbsent(cue.indexKey(), k -> new ArrayList<>()).add(cue);
    if (cue.tokens().size() == 1 && !cue.tokens().get(0).endsWith("*") && cue.tokens().get(0).length() >= 5) {
      wordsByInitial.computeIfAbsent(cue.tokens().get(0).charAt(0), k -> new ArrayList<>()).add(cue);
    }
  }

  /** True when the lexicon has cues of {@code category} (bundled, or keywords the config gave it). */
  boolean knows(String category) {
    return categories.contains(category);
  }

  double noToolFactor() {
    return noToolFactor;
  }

  ToolNeed toolNeed() {
    return toolNeed;
  }

  /** Cues whose first token is exactly {@code token}, then prefix cues that might start it. */
  List<Cue> candidates(String token) {
    List<Cue> exact = byKey.getOrDefault(token, List.of());
    List<Cue> prefixed = byKey.getOrDefault(Cue.prefixKey(token), List.of());
    if (prefixed.isEmpty()) {
      return exact;
    }
    List<Cue> all = new ArrayList<>(exact);
    all.addAll(prefixed);
    return all;
  }

  /** Single-word cues of at least five letters starting with {@code initial}: candidates for one-typo matches. */
  List<Cue> wordsStartingWith(char initial) {
    return wordsByInitial.getOrDefault(initial, List.of());
  }

  List<Cue> substrings() {
    return substrings;
  }
}
