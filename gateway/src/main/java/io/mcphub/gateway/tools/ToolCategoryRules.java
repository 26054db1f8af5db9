package io.mcphub.gateway.tools;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Categories from a tool's own words. Tool names are regular ({@code read_text_file}, {@code create_entities},
 * {@code list_pods}), so a small table of name words decides most; description words add half as much.
 * Returns null when nothing matches.
 */
final class ToolCategoryRules {

  private static final double NAME_WEIGHT = 1.0;
  private static final double DESCRIPTION_WEIGHT = 0.5;
  /** The least evidence that names a category. */
  private static final double MIN_SCORE = 1.0;

  private static final Map<String, Map<String, Double>> WORDS = new HashMap<>();

  static {
    category("filesystem", 2, "file", "files", "directory", "directories", "dir", "dirs", "folder", "folders", "fs", "path", "paths",
        "filesystem");
    category("filesystem", 1, "tree", "glob", "mkdir");
    category("web", 2, "fetch", "http", "https", "url", "urls", "browser", "navigate", "screenshot", "scrape", "crawl", "webpage",
        "html", "curl");
    category("web", 1, "web", "page", "click", "download");
    category("search", 3, "brave", "google", "tavily", "bing", "duckduckgo", "serp", "websearch", "perplexity", "exa");
    category("search", 1.5, "search");
    category("database", 2, "sql", "query", "table", "tables", "database", "databases", "db", "schema", "postgres", "postgresql",
        "mysql", "sqlite", "mongo", "mongodb", "redis", "collection", "collections", "bigquery", "snowflake");
    category("version-control", 2, "git", "github", "gitlab", "commit", "commits", "branch", "branches", "pull", "pr", "merge",
        "issue", "issues", "repo", "repos", "repository", "repositories", "diff", "blame", "tag", "tags", "rebase");
    category("docker", 2, "docker", "container", "containers", "image", "images", "pod", "pods", "kubectl", "kubernetes", "k8s",
        "helm", "deployment", "deployments", "namespace", "namespaces", "compose");
    category("cloud", 2, "aws", "s3", "ec2", "lambda", "gcp", "gcs", "azure", "bucket", "buckets", "iam", "cloudwatch", "vm", "vms",
        "instance", "instances", "cloud", "cloudflare");
    category("development", 2, "test", "tests", "build", "lint", "compile", "npm", "pip", "exec", "execute", "shell", "command",
        "terminal", "debug", "format", "run", "script", "code", "package", "packages");
    category("communication", 2, "slack", "email", "emails", "mail", "message", "messages", "send", "channel", "channels", "discord",
        "teams", "notify", "notification", "calendar", "sms", "chat", "inbox");
    category("memory", 2, "memory", "memories", "entity", "entities", "relation", "relations", "observation", "observations",
        "knowledge", "remember", "recall");
    category("memory", 1, "graph", "nodes", "node");
  }

  private ToolCategoryRules() {
  }

  private static void category(String category, double weight, String... words) {
    for (String word : words) {
      WORDS.computeIfAbsent(word, w -> new LinkedHashMap<>()).put(category, weight);
    }
  }

  static String categorize(String name, String description) {
    Map<String, Double> scores = new LinkedHashMap<>();
    add(scores, ToolCategorizer.words(name), NAME_WEIGHT);
    add(scores, ToolCategorizer.words(description == null ? "" : description), DESCRIPTION_WEIGHT);
    return scores.entrySet().stream()
        .filter(entry -> entry.getValue() >= MIN_SCORE)
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  private static void add(Map<String, Double> scores, List<String> words, double factor) {
    for (String word : new java.util.LinkedHashSet<>(words)) {
      Map<String, Double> categories = WORDS.get(word);
      if (categories != null) {
        categories.forEach((category, weight) -> scores.merge(category, weight * factor, Double::sum));
      }
    }
  }
}
