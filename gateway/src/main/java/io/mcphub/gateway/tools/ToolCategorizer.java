package io.mcphub.gateway.tools;

import io.mcphub.gateway.config.Taxonomy;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gives every upstream tool exactly one category, first rule that applies: a {@code customMappings} glob on the
 * namespaced name (case-insensitive, {@code *} and {@code ?}), the server entry's {@code category}, a category an
 * LLM gave it ({@code llmCategorization.categorizeTools}), the tool rules on its name and description
 * ({@link ToolCategoryRules}), else {@code other}. Confined to the hub's context.
 */
public final class ToolCategorizer {

  private record Mapping(Pattern glob, String category) {
  }

  private final List<Mapping> mappings = new ArrayList<>();
  private final Map<String, String> serverCategories;
  private final Map<String, String> learned = new java.util.HashMap<>();

  /**
   * @param customMappings glob → category, in config order
   * @param serverCategories server name → its configured category (servers without one are absent)
   */
  public ToolCategorizer(Map<String, String> customMappings, Map<String, String> serverCategories) {
    customMappings.forEach((glob, category) -> mappings.add(new Mapping(globPattern(glob), category)));
    this.serverCategories = new LinkedHashMap<>(serverCategories);
  }

  public String categorize(String serverName, String namespacedName, JsonObject definition) {
    for (Mapping mapping : mappings) {
      if (mapping.glob().matcher(namespacedName).matches()) {
        return mapping.category();
      }
    }
    String serverCategory = serverCategories.get(serverName);
    if (serverCategory != null) {
      return serverCategory;
    }
    String byLearning = learned.get(learningKey(namespacedName, definition));
    if (byLearning != null) {
      return byLearning;
    }
    String byRules = ToolCategoryRules.categorize(definition.getString("name", ""), definition.getString("description", ""));
    return byRules == null ? Taxonomy.OTHER : byRules;
  }

  /** True when neither a custom mapping nor the server's category decides: an LLM may refine the rules. */
  public boolean learnable(String serverName, String namespacedName) {
    return mappings.stream().noneMatch(m -> m.glob().matcher(namespacedName).matches()) && !serverCategories.containsKey(serverName);
  }

  /** Carries over the categories an LLM gave tools (a reloaded config keeps what was learned). */
  public ToolCategorizer withLearnedFrom(ToolCategorizer previous) {
    learned.putAll(previous.learned);
    return this;
  }

  /** Records a category an LLM gave the tool (keyed by name and description, so a changed description is asked again). */
  public void learn(String key, String category) {
    learned.put(key, category);
  }

  public boolean knows(String key) {
    return learned.containsKey(key);
  }

  /** The learning key of a tool: its namespaced name and a fingerprint of its description. */
  public static String learningKey(String namespacedName, JsonObject definition) {
    return namespacedName + "#" + Sha256.hex(definition.getString("description", ""), 6);
  }

  static Pattern globPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  static List<String> words(String text) {
    String spaced = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String word : spaced.split("[^a-z0-9]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }
}
