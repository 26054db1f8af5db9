package io.mcphub.categorizer.heuristic;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the heuristic on a labelled prompt set (JSON lines: id, prompt, expected, kind) with the eval rule:
 * per-prompt recall, precision and exact match over exposed categories (confidence at or above the
 * threshold), "other" as the empty set, macro-averaged. Run as a program to print the report for any set:
 * {@code EvalSet path/to/prompts.jsonl [threshold] [--misses] [--timing]} (see {@code scripts/eval-heuristic.sh}).
 */
public final class EvalSet {

  static final List<String> TAXONOMY = List.of("filesystem", "web", "search", "database", "version-control", "docker", "cloud",
      "development", "communication", "memory", "other");

  record Item(String id, String prompt, Set<String> expected, String kind) {
  }

  record Score(double recall, double precision, double exact, int n) {
    String line(String label) {
      return String.format(Locale.ROOT, "%-14s n=%3d  recall %.3f  precision %.3f  exact %.3f", label, n, recall, precision, exact);
    }
  }

  static List<Item> load(Path file) throws IOException {
    List<Item> items = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonObject json = new JsonObject(line);
        Set<String> expected = new HashSet<>();
        json.getJsonArray("expected").forEach(e -> expected.add((String) e));
        items.add(new Item(json.getString("id"), json.getString("prompt"), expected, json.getString("kind", "")));
      }
    }
    return items;
  }

  static Set<String> exposed(HeuristicCategorizer categorizer, String prompt, double threshold) {
    Set<String> exposed = new HashSet<>();
    categorizer.scores(prompt, TAXONOMY).forEach((category, confidence) -> {
      if (confidence >= threshold && !"other".equals(category)) {
        exposed.add(category);
      }
    });
    return exposed;
  }

  static double[] score(Set<String> exposed, Set<String> expected) {
    Set<String> e = new HashSet<>(exposed);
    e.remove("other");
    Set<String> x = new HashSet<>(expected);
    x.remove("other");
    Set<String> hit = new HashSet<>(e);
    hit.retainAll(x);
    double recall = x.isEmpty() ? 1.0 : (double) hit.size() / x.size();
    double precision = e.isEmpty() ? (x.isEmpty() ? 1.0 : 0.0) : (double) hit.size() / e.size();
    return new double[] {recall, precision, e.equals(x) ? 1 : 0};
  }

  static Map<String, Score> evaluate(List<Item> items, double threshold, List<String> misses) {
    HeuristicCategorizer categorizer = (HeuristicCategorizer) new HeuristicCategorizerFactory().create(null, null);
    Map<String, double[]> sums = new TreeMap<>();
    for (Item item : items) {
      Set<String> exposed = exposed(categorizer, item.prompt(), threshold);
      double[] s = score(exposed, item.expected());
      for (String key : List.of("all", item.kind())) {
        double[] sum = sums.computeIfAbsent(key, k -> new double[4]);
        sum[0] += s[0];
        sum[1] += s[1];
        sum[2] += s[2];
        sum[3]++;
      }
      if (s[2] == 0 && misses != null) {
        String why = categorizer.categorize(new io.mcphub.categorizer.CategorizationRequest(item.prompt(), "",
            TAXONOMY.stream().map(c -> new io.mcphub.categorizer.CategoryDefinition(c, "")).toList(), "")).result().reasoning();
        misses.add(item.id() + " expected " + item.expected() + " got " + exposed + " | " + why);
      }
    }
    Map<String, Score> result = new LinkedHashMap<>();
    sums.forEach((kind, s) -> result.put(kind, new Score(s[0] / s[3], s[1] / s[3], s[2] / s[3], (int) s[3])));
    return result;
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "src/test/resources/eval/prompts-dev.jsonl");
    double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 0.7;
    List<String> misses = new ArrayList<>();
    Map<String, Score> report = evaluate(load(file), threshold, misses);
    System.out.printf(Locale.ROOT, "heuristic on %s at threshold %.2f%n", file, threshold);
    report.forEach((kind, score) -> System.out.println(score.line(kind)));
    if (List.of(args).contains("--misses")) {
      misses.forEach(System.out::println);
    }
    if (List.of(args).contains("--timing")) {
      printTiming(load(file));
    }
  }

  /** Per-prompt latency of the scorer over the set (after a warm-up), p50 and p99 in microseconds. */
  private static void printTiming(List<Item> items) {
    HeuristicCategorizer categorizer = (HeuristicCategorizer) new HeuristicCategorizerFactory().create(null, null);
    for (int round = 0; round < 200; round++) {
      items.forEach(item -> categorizer.scores(item.prompt(), TAXONOMY));
    }
    List<Long> nanos = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      for (Item item : items) {
        long start = System.nanoTime();
        categorizer.scores(item.prompt(), TAXONOMY);
        nanos.add(System.nanoTime() - start);
      }
    }
    nanos.sort(Long::compare);
    System.out.printf(Locale.ROOT, "latency per prompt over %d runs: p50 %.1f us, p99 %.1f us, max %.1f us%n", nanos.size(),
        nanos.get(nanos.size() / 2) / 1e3, nanos.get((int) (nanos.size() * 0.99)) / 1e3, nanos.get(nanos.size() - 1) / 1e3);
  }
}
