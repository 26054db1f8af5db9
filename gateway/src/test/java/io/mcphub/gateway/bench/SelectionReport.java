package io.mcphub.gateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores selections the way the toolsel set's README defines it: a needed tool counts as listed when it, or a member
 * of an {@code alternatives} group that contains it, is listed; recall and "all needed listed" over the tasks that
 * need a tool; tools listed over all tasks and over the negative ones. Prints one markdown row per kind and overall.
 */
public final class SelectionReport {

  /** What the hub listed for one task (meta tools excluded) and how long its analysis took. */
  public record Sample(String id, List<String> listed, double latencyMs) {
  }

  private record Row(String kind, int n, List<Double> recalls, List<Integer> sizes, List<Integer> negativeSizes, List<Double> latencies) {

    Row(String kind) {
      this(kind, 0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

  private SelectionReport() {
  }

  /** The recall of one task's listing, or null for a task that needs no tool. */
  public static Double recall(JsonObject task, List<String> listed) {
    JsonArray needed = task.getJsonArray("needed", new JsonArray());
    if (needed.isEmpty()) {
      return null;
    }
    Set<String> listedSet = new HashSet<>(listed);
    int met = 0;
    for (Object tool : needed) {
      Set<String> options = new HashSet<>(Set.of((String) tool));
      for (Object group : task.getJsonArray("alternatives", new JsonArray())) {
        if (((JsonArray) group).contains(tool)) {
          ((JsonArray) group).forEach(member -> options.add((String) member));
        }
      }
      options.retainAll(listedSet);
      met += options.isEmpty() ? 0 : 1;
    }
    return met / (double) needed.size();
  }

  public static void print(List<JsonObject> tasks, List<Sample> samples, PrintStream out) {
    Map<String, Row> rows = new LinkedHashMap<>();
    Row overall = new Row("overall");
    for (int i = 0; i < tasks.size(); i++) {
      JsonObject task = tasks.get(i);
      Sample sample = samples.get(i);
      Row row = rows.computeIfAbsent(task.getString("kind", "?"), Row::new);
      for (Row target : List.of(row, overall)) {
        Double recall = recall(task, sample.listed());
        if (recall != null) {
          target.recalls().add(recall);
        } else {
          target.negativeSizes().add(sample.listed().size());
        }
        target.sizes().add(sample.listed().size());
        target.latencies().add(sample.latencyMs());
      }
    }
    out.println("| kind | n | mean recall | all needed listed | mean \\|L\\| | median \\|L\\| | needs no tool: mean \\|L\\| | p50 ms | p99 ms |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    rows.values().forEach(row -> out.println(line(row)));
    out.println(line(overall));
  }

  private static String line(Row row) {
    double[] latencies = row.latencies().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] sizes = row.sizes().stream().mapToDouble(Integer::doubleValue).sorted().toArray();
    return String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f | %s | %.2f | %.2f |", row.kind(), sizes.length,
        row.recalls().isEmpty() ? "—" : percent(mean(row.recalls())),
        row.recalls().isEmpty() ? "—" : percent(row.recalls().stream().filter(r -> r == 1.0).count() / (double) row.recalls().size()),
        Arrays.stream(sizes).average().orElse(0), median(sizes),
        row.negativeSizes().isEmpty() ? "—" : String.format(Locale.ROOT, "%.1f", row.negativeSizes().stream().mapToInt(Integer::intValue).average().orElse(0)),
        CallBenchmark.percentile(latencies, 50), CallBenchmark.percentile(latencies, 99));
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }
}
