package io.mcphub.categorizer.heuristic;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Structural evidence read from the raw prompt rather than its words: a URL means the web, a SQL statement a
 * database, a path a file, an instance id the cloud. URLs and e-mail addresses are cut out of the text before
 * its words are matched, so that {@code https://news.example.com} does not read as "news"; so are paths
 * ({@code C:\\Users\\…} is no database "users"). Features of one group count once, at the first match.
 */
record Feature(String name, String group, String category, double weight, Pattern pattern, boolean removeFromText) {

  private static final String EXTENSIONS = "md|txt|json|ya?ml|csv|tsv|pdf|log|xlsx?|docx?|pptx?|py|js|ts|java|kt|go|rs|rb|php|"
      + "toml|ini|xml|html?|jpe?g|png|gif|svg|zip|tar|gz|sh|cfg|conf|env|sql|ipynb";
  private static final String PATH = "(?:~|\\.{1,2})?/[\\w.\\-/]+|[a-z]:\\\\[^\\s]+|[\\w\\-]+(?:/[\\w\\-.]+)+";
  private static final String FILENAME = "[\\w\\-]+\\.(?:" + EXTENSIONS + ")\\b";

  static final List<Feature> ALL = List.of(
      new Feature("url", "url", "web", 0.85, Pattern.compile("(?:https?://|www\\.)[^\\s)\"'<>]+"), true),
      new Feature("email address", "email", "communication", 0.35, Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"), true),
      new Feature("sql statement", "sql", "database", 0.9, Pattern.compile(
          "\\bselect\\b[\\s\\S]{1,200}?\\bfrom\\b|\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b|\\bdelete\\s+from\\b"
              + "|\\bcreate\\s+(?:table|index)\\b|\\balter\\s+table\\b"), false),
      new Feature("file read or written", "file-io", "filesystem", 0.8, Pattern.compile(
          "\\b(?:in|to|into|from|at|under|inside|of)\\s+(?:the\\s+|my\\s+|a\\s+)?(?:file\\s+)?(?:" + FILENAME
              + "|(?:~|\\.{1,2})?/[\\w\\-.]+/[\\w\\-./]+)"), false),
      new Feature("file path with extension", "file-ref", "filesystem", 0.65, Pattern.compile(
          "(?:~|\\.{1,2})?/?[\\w\\-.]*(?:/[\\w\\-.]+)+\\.(?:" + EXTENSIONS + ")\\b|[a-z]:\\\\[^\\s]+"), true),
      new Feature("file name", "file-ref", "filesystem", 0.6, Pattern.compile("(?<![\\w/])" + FILENAME), true),
      new Feature("local path", "file-ref", "filesystem", 0.3, Pattern.compile("(?<![\\w:])(?:" + PATH + ")"), true),
      new Feature("chat channel", "channel", "communication", 0.6, Pattern.compile("(?:^|\\s)#[a-z][\\w-]+"), false),
      new Feature("one-to-one meeting", "one-to-one", "communication", 0.35, Pattern.compile("\\b1:1\\b"), false),
      new Feature("cloud region", "region", "cloud", 0.8, Pattern.compile(
          "\\b(?:us|eu|ap|sa|ca|me|af)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\\d\\b"), false),
      new Feature("cloud resource id", "resource-id", "cloud", 0.9, Pattern.compile("\\bi-[0-9a-f]{8,17}\\b|\\barn:aws"), false),
      new Feature("image tag", "image-tag", "docker", 0.35, Pattern.compile("\\b[a-z][\\w.-]*:\\d+(?:\\.\\d+)+\\b"), false));
}
