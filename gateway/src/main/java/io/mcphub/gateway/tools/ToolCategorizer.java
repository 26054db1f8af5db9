package io.mcphub.gateway.tools;

import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.Taxonomy;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gives every upstream tool exactly one category, first rule that applies: a {@code customMappings} glob on the
 * namespaced name (case-insensitive, {@code *} and {@code ?}), the server entry's {@code category}, a category an
 * LLM gave it ({@code llmCategorization.categorizeTools}), the tool rules when their evidence is confident
 * ({@link ToolCategoryRules}) and names a configured category, else the category <em>derived</em> from its server: named after the server's config key
 * (a server called like a taxonomy category joins it). So no tool lands where no analysis can reach it; {@code other}
 * is only what a mapping or a server entry asks for. Confined to the hub's context.
 */
public final class ToolCategorizer {

  /** A tool's category and why it has it. */
  public record ToolCategory(String name, CategoryReason reason) {
  }

  private record Mapping(String glob, Pattern pattern, String category) {
  }

  private final List<Mapping> mappings = new ArrayList<>();
  private final Map<String, String> serverCategories;
  private final List<FilteringOptions.CategoryOption> taxonomy;
  /** The names of the configured categories: the rules only file tools under these. */
  private final java.util.Set<String> configured;
  private final Map<String, String> learned = new HashMap<>();
  private long generation;

  /**
   * @param customMappings glob → category, in config order
   * @param serverCategories server name → its configured category (servers without one are absent)
   * @param taxonomy the configured categories ({@code toolFiltering.categories})
   */
  public ToolCategorizer(Map<String, String> customMappings, Map<String, String> serverCategories,
      List<FilteringOptions.CategoryOption> taxonomy) {
    customMappings.forEach((glob, category) -> mappings.add(new Mapping(glob, globPattern(glob), category)));
    this.serverCategories = new LinkedHashMap<>(serverCategories);
    this.taxonomy = List.copyOf(taxonomy);
    this.configured = taxonomy.stream().map(FilteringOptions.CategoryOption::name).collect(java.util.stream.Collectors.toSet());
  }

  /** A categorizer over the default taxonomy. */
  public ToolCategorizer(Map<String, String> customMappings, Map<String, String> serverCategories) {
    this(customMappings, serverCategories, Taxonomy.DEFAULT);
  }

  /** The configured categories, with their descriptions. */
  public List<FilteringOptions.CategoryOption> taxonomy() {
    return taxonomy;
  }

  /** The tool's category name (see {@link #decide}). */
  public String categorize(String serverName, String namespacedName, JsonObject definition) {
    return decide(serverName, namespacedName, definition).name();
  }

  /** The tool's category and why, knowing nothing of its server but its name (see the four-argument form). */
  public ToolCategory decide(String serverName, String namespacedName, JsonObject definition) {
    return decide(serverName, "", namespacedName, definition);
  }

  /**
   * The tool's category and why: mapping, server, learned, rule, else derived from its server.
   *
   * @param serverText what the server says of itself (title, description, instructions); the rules weigh it lightly
   */
  public ToolCategory decide(String serverName, String serverText, String namespacedName, JsonObject definition) {
    for (Mapping mapping : mappings) {
      if (mapping.pattern().matcher(namespacedName).matches()) {
        return new ToolCategory(mapping.category(), new CategoryReason(CategoryReason.MAPPING, mapping.glob(), List.of()));
      }
    }
    String serverCategory = serverCategories.get(serverName);
    if (serverCategory != null) {
      return new ToolCategory(serverCategory, CategoryReason.of(CategoryReason.SERVER));
    }
    String byLearning = learned.get(learningKey(namespacedName, definition));
    if (byLearning != null) {
      return new ToolCategory(byLearning, CategoryReason.of(CategoryReason.LEARNED));
    }
    ToolCategoryRules.Verdict verdict = ToolCategoryRules.categorize(text(definition, "name"), text(definition, "description"),
        serverName, serverText);
    if (verdict != null && configured.contains(verdict.category())) {
      return new ToolCategory(verdict.category(), new CategoryReason(CategoryReason.RULE, "", verdict.words()));
    }
    return new ToolCategory(derivedName(serverName), new CategoryReason(CategoryReason.DERIVED, serverName, List.of()));
  }

  /**
   * The category derived from a server: its config key, lower-cased; a key that names one of the hub's reserved
   * categories ({@code meta}, {@code other}) gets a {@code -tools} suffix, so that it is neither always exposed nor hidden.
   */
  public static String derivedName(String serverName) {
    String name = serverName.strip().toLowerCase(Locale.ROOT);
    return name.isEmpty() || Taxonomy.META.equals(name) || Taxonomy.OTHER.equals(name) ? name + "-tools" : name;
  }

  /** True when neither a custom mapping nor the server's category decides: an LLM may refine the rules. */
  public boolean learnable(String serverName, String namespacedName) {
    return mappings.stream().noneMatch(m -> m.pattern().matcher(namespacedName).matches()) && !serverCategories.containsKey(serverName);
  }

  /** Carries over the categories an LLM gave tools (a reloaded config keeps what was learned). */
  public ToolCategorizer withLearnedFrom(ToolCategorizer previous) {
    learned.putAll(previous.learned);
    generation++;
    return this;
  }

  /** Records a category an LLM gave the tool (keyed by name and description, so a changed description is asked again). */
  public void learn(String key, String category) {
    if (!category.equals(learned.put(key, category))) {
      generation++;
    }
  }

  /** Changes whenever what was learned changes: a decision taken at another generation may be stale. */
  public long generation() {
    return generation;
  }

  public boolean knows(String key) {
    return learned.containsKey(key);
  }

  /** The learning key of a tool: its namespaced name and a fingerprint of its description. */
  public static String learningKey(String namespacedName, JsonObject definition) {
    return namespacedName + "#" + Sha256.hex(text(definition, "description"), 6);
  }

  private static String text(JsonObject definition, String field) {
    return definition.getValue(field) instanceof String text ? text : "";
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

  /** The whole words of a name or text, lower case: {@code getJobLogs} and {@code get_job_logs} give get, job, logs. */
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
