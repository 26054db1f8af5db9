package io.mcphub.gateway.config;

import java.util.List;

/**
 * The default tool categories and what each covers (descriptions are read by LLM categorizers). A deployment adds one
 * category per server whose tools fit none of them confidently (see {@code tools/ToolCategorizer}).
 */
public final class Taxonomy {

  /** The hub's own tools; always exposed except with {@code defaultExposure: zero}. */
  public static final String META = "meta";
  /** What a mapping or a server entry puts there; never offered to a categorizer, never exposed by an analysis. */
  public static final String OTHER = "other";

  public static final List<FilteringOptions.CategoryOption> DEFAULT = List.of(
      category("filesystem", "reading, writing, listing, searching, moving, deleting local files and directories"),
      category("web", "fetching URLs and web pages, HTTP/REST requests, browser automation, scraping, downloading"),
      category("search", "web search engines: looking things up on the internet"),
      category("database", "SQL and NoSQL queries, schemas, tables, migrations on Postgres, MySQL, SQLite, MongoDB, Redis"),
      category("version-control", "git, GitHub, GitLab: commits, branches, diffs, pull or merge requests, repository issues"),
      category("docker", "containers, images, Docker Compose, Kubernetes pods and deployments, Helm"),
      category("cloud", "AWS, GCP and Azure resources: buckets, VMs, functions, IAM, billing"),
      category("development", "running code, tests, linters and builds; package managers; compiling; debugging"),
      category("communication", "Slack, email, Discord, Teams messages, notifications, calendar invites"),
      category("memory", "the assistant's persistent knowledge graph: storing and recalling facts across conversations"),
      category(OTHER, "anything else"));

  private Taxonomy() {
  }

  private static FilteringOptions.CategoryOption category(String name, String description) {
    return new FilteringOptions.CategoryOption(name, description, List.of());
  }
}
