package io.mcphub.categorizer.embedding;

import io.mcphub.categorizer.ToolScore;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded tools of one catalog, immutable: what a prompt is scored against. Scores are calibrated against the
 * catalog itself ({@link Calibration}): what counts is how far a tool stands out from every other tool for this
 * request, not the raw cosine, whose scale differs from model to model and from request to request.
 */
final class ToolVectors {

  static final ToolVectors EMPTY = new ToolVectors(List.of(), List.of());

  private final List<String> names;
  private final List<float[]> vectors;

  ToolVectors(List<String> names, List<float[]> vectors) {
    this.names = List.copyOf(names);
    this.vectors = List.copyOf(vectors);
  }

  int size() {
    return names.size();
  }

  /**
   * The tools a prompt scored, best first, and the calibration of its similarities to this catalog (null when the
   * catalog is empty).
   */
  record Scored(List<ToolScore> tools, Calibration calibration) {
  }

  /** The {@code limit} tools that {@code prompt} (a unit vector) is most likely to need, best first. */
  Scored score(float[] prompt, int limit, Calibration prior) {
    int n = vectors.size();
    if (n == 0) {
      return new Scored(List.of(), null);
    }
    double[] cosines = new double[n];
    for (int i = 0; i < n; i++) {
      cosines[i] = Vectors.dot(prompt, vectors.get(i));
    }
    Calibration calibration = Calibration.of(cosines, prior);
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort((a, b) -> cosines[a] != cosines[b] ? Double.compare(cosines[b], cosines[a]) : names.get(a).compareTo(names.get(b)));
    List<ToolScore> scores = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, n); i++) {
      int index = order.get(i);
      scores.add(new ToolScore(names.get(index), calibration.confidence(cosines[index])));
    }
    return new Scored(scores, calibration);
  }
}
