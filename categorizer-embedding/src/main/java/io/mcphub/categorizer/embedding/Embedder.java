package io.mcphub.categorizer.embedding;

import java.util.List;

/**
 * Turns texts into unit-length sentence vectors. Blocking and CPU-heavy: call it from a worker thread only. Safe to
 * call from two threads at once (the background indexer and the prompt scorer).
 */
interface Embedder {

  /** The model's identity, part of every cache key: vectors of two models never mix. */
  String modelId();

  /** The model's usual mean and deviation of a request's similarities to tool texts (see {@link Calibration}). */
  Calibration prior();

  /** The vectors of {@code texts}, in order, each of unit length. */
  List<float[]> embedAll(List<String> texts);

  /** Whether the model is in memory, so that embedding a text costs milliseconds, not the seconds of loading it. */
  default boolean loaded() {
    return true;
  }

  /** The vector of one text. */
  default float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /**
   * An in-process model loaded from its Maven artifact (no download): {@code all-minilm-l6-v2-q}; throws
   * {@link IllegalArgumentException} for another name.
   */
  static Embedder of(String model) {
    return new OnnxEmbedder(OnnxEmbedder.Model.byId(model));
  }
}
