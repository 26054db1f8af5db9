package io.mcphub.gateway.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Taxonomy categories from a tool's own words, only on real evidence. Words are whole words of the tool's name
 * ({@code read_text_file}, {@code listPods}) and of the start of its description. A word is either <em>specific</em>
 * ({@code docker}, {@code sql}, {@code slack}: it names what the category is about) or <em>generic</em> ({@code image},
 * {@code code}, {@code cloud}, {@code search}: common in tools of any kind). Evidence per category, each word counted
 * once at its heaviest:
 * <pre>
 *   specific word in the name 1.0    generic word in the name 0.5
 *   specific word in the text 0.4    generic word in the text 0.1
 * </pre>
 * The server's name and description add half as much, counted apart (they tip weak evidence, never decide alone).
 * A category is decided when its evidence reaches {@value #DECIDES}, at least one of its words is specific (the tool's
 * or its server's), and it leads every other category by {@value #MARGIN}; otherwise the rules do not decide and the tool keeps the category derived
 * from its server. So a word-cloud chart tool is not {@code cloud}, a document tool that inserts an image is not
 * {@code docker}, and a geocoder that mentions a postal code is not {@code development}. Pure and thread-safe.
 */
final class ToolCategoryRules {

  /** What the rules decided: the category and the words that fired for it, heaviest first. */
  record Verdict(String category, List<String> words) {
  }

  static final double DECIDES = 1.0;
  static final double MARGIN = 0.5;
  /** How much of a description is read: what a tool does comes first; usage notes and sample outputs come later. */
  static final int MAX_DESCRIPTION_CHARS = 300;
  /** Specific and generic word weights in a name, and in a text. */
  private static final double[] NAME_WEIGHTS = {1.0, 0.5};
  private static final double[] TEXT_WEIGHTS = {0.4, 0.1};
  /** What the server's words weigh, relative to the tool's own. */
  static final double SERVER_FACTOR = 0.5;

  private record Cue(String category, boolean specific) {
  }

  private static final Map<String, List<Cue>> WORDS = new HashMap<>();

  static {
    specific("filesystem", "file", "files", "directory", "directories", "folder", "folders", "filesystem", "mkdir", "dir", "dirs");
    generic("filesystem", "path", "paths", "tree", "glob", "move", "rename");
    specific("web", "http", "https", "url", "urls", "browser", "navigate", "screenshot", "scrape", "crawl", "webpage", "html",
        "curl", "website");
    generic("web", "fetch", "web", "page", "pages", "click", "download", "link", "links");
    specific("search", "brave", "tavily", "bing", "duckduckgo", "serp", "websearch", "perplexity");
    generic("search", "search", "results", "google");
    specific("database", "sql", "database", "databases", "postgres", "postgresql", "mysql", "sqlite", "mongo", "mongodb", "redis",
        "bigquery", "snowflake", "db");
    generic("database", "query", "table", "tables", "schema", "collection", "collections", "rows", "index");
    specific("version-control", "git", "github", "gitlab", "commit", "commits", "repo", "repos", "repository", "repositories",
        "rebase", "blame");
    generic("version-control", "branch", "branches", "pull", "pr", "merge", "issue", "issues", "diff", "tag", "tags", "release");
    specific("docker", "docker", "container", "containers", "pod", "pods", "kubectl", "kubernetes", "k8s", "helm", "dockerfile");
    generic("docker", "image", "images", "deployment", "deployments", "namespace", "namespaces", "compose", "volume", "volumes");
    specific("cloud", "aws", "s3", "ec2", "lambda", "gcp", "gcs", "azure", "iam", "cloudwatch", "cloudformation");
    generic("cloud", "cloud", "bucket", "buckets", "vm", "vms", "instance", "instances", "region");
    specific("development", "lint", "compile", "npm", "pip", "terminal", "shell", "debugger", "pytest", "linter", "repl");
    generic("development", "test", "tests", "build", "exec", "execute", "command", "debug", "format", "run", "script", "code",
        "package", "packages", "process", "processes");
    specific("communication", "slack", "email", "emails", "mail", "inbox", "discord", "sms");
    generic("communication", "message", "messages", "send", "channel", "channels", "notify", "notification", "chat", "reply",
        "teams");
    specific("memory", "memory", "memories", "observation", "observations", "knowledge", "remember");
    generic("memory", "entity", "entities", "relation", "relations", "graph", "node", "nodes", "recall");
  }

  private ToolCategoryRules() {
  }

  private static void specific(String category, String... words) {
    for (String word : words) {
      WORDS.computeIfAbsent(word, w -> new ArrayList<>()).add(new Cue(category, true));
    }
  }

  private static void generic(String category, String... words) {
    for (String word : words) {
      WORDS.computeIfAbsent(word, w -> new ArrayList<>()).add(new Cue(category, false));
    }
  }

  /** The category the evidence decides from the tool's words alone, or null when it is not confident. */
  static Verdict categorize(String name, String description) {
    return categorize(name, description, "", "");
  }

  /**
   * The category the evidence decides, or null when it is not confident. The server's own words (its name and what it
   * says of itself) add half their weight, counted apart from the tool's: they tip a tool's weak evidence
   * ({@code postgres__query}, {@code docker__list_images}) but never decide without it.
   */
  static Verdict categorize(String name, String description, String serverName, String serverText) {
    Map<String, Map<String, Double>> evidence = new LinkedHashMap<>();
    Map<String, Boolean> hasSpecific = new HashMap<>();
    add(evidence, hasSpecific, ToolCategorizer.words(name), NAME_WEIGHTS, 1.0);
    add(evidence, hasSpecific, ToolCategorizer.words(start(description)), TEXT_WEIGHTS, 1.0);
    Map<String, Map<String, Double>> server = new LinkedHashMap<>();
    add(server, hasSpecific, ToolCategorizer.words(serverName == null ? "" : serverName), NAME_WEIGHTS, SERVER_FACTOR);
    add(server, hasSpecific, ToolCategorizer.words(start(serverText)), TEXT_WEIGHTS, SERVER_FACTOR);
    List<Map.Entry<String, Double>> ranked = new ArrayList<>();
    evidence.forEach((category, words) -> ranked.add(Map.entry(category, sum(words) + sum(server.getOrDefault(category, Map.of())))));
    ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    if (ranked.isEmpty()) {
      return null;
    }
    Map.Entry<String, Double> best = ranked.get(0);
    double second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
    if (best.getValue() < DECIDES || best.getValue() - second < MARGIN || !hasSpecific.getOrDefault(best.getKey(), false)) {
      return null;
    }
    List<String> words = evidence.get(best.getKey()).entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).toList();
    return new Verdict(best.getKey(), words);
  }

  private static String start(String text) {
    return text == null ? "" : text.length() > MAX_DESCRIPTION_CHARS ? text.substring(0, MAX_DESCRIPTION_CHARS) : text;
  }

  private static double sum(Map<String, Double> words) {
    return words.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static void add(Map<String, Map<String, Double>> evidence, Map<String, Boolean> hasSpecific, List<String> words,
      double[] weights, double factor) {
    for (String word : new LinkedHashSet<>(words)) {
      for (Cue cue : WORDS.getOrDefault(word, List.of())) {
        double weight = factor * (cue.specific() ? weights[0] : weights[1]);
        evidence.computeIfAbsent(cue.category(), c -> new LinkedHashMap<>()).merge(word, weight, Math::max);
        if (cue.specific()) {
          hasSpecific.put(cue.category(), true);
        }
      }
    }
  }

  /** True when {@code word} is a generic word of some category: it never decides alone. */
  static boolean isGeneric(String word) {
    return WORDS.getOrDefault(word, List.of()).stream().anyMatch(cue -> !cue.specific());
  }
}
