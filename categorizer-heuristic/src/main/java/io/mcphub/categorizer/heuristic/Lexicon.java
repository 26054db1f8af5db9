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

  private final Map<String, List<Cue>> byKey = new HashMap<>();
  private final Map<Character, List<Cue>> wordsByInitial = new HashMap<>();
  private final List<Cue> substrings = new ArrayList<>();
  private final double noToolFactor;

  private Lexicon(double noToolFactor) {
    this.noToolFactor = noToolFactor;
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
    Lexicon lexicon = new Lexicon(noTool.getDouble("factor", 1.0));
    json.getJsonObject("categories").forEach(entry -> {
      JsonObject levels = (JsonObject) entry.getValue();
      for (String level : levels.fieldNames()) {
        double weight = weights.getDouble(level);
        levels.getJsonArray(level).forEach(cue -> lexicon.add(Cue.parse(entry.getKey(), (String) cue, weight)));
      }
    });
    noTool.getJsonArray("cues", new JsonArray()).forEach(cue -> lexicon.add(Cue.parse(NO_TOOL, (String) cue, 1.0)));
    noTool.getJsonArray("overrides", new JsonArray()).forEach(cue -> lexicon.add(Cue.parse(NO_TOOL_OVERRIDE, (String) cue, 1.0)));
    for (Object item : customCategories) {
      JsonObject category = (JsonObject) item;
      category.getJsonArray("keywords", new JsonArray())
          .forEach(cue -> lexicon.add(Cue.parse(category.getString("name"), (String) cue, CUSTOM_KEYWORD_WEIGHT)));
    }
    return lexicon;
  }

  private void add(Cue cue) {
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

  double noToolFactor() {
    return noToolFactor;
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
