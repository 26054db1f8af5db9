package io.mcphub.categorizer.embedding;

/**
 * Turns a cosine into a confidence on the scale the hub's threshold (0.7) reads. A sentence model gives every text
 * some similarity to every request (MiniLM: about 0.02 on average, standard deviation about 0.06), so a raw cosine says
 * little; how many standard deviations a candidate stands above the mean of all candidates says how much it stands
 * out. The confidence is a logistic of that z-score, {@code 1 / (1 + exp(-(z - MIDPOINT) / WIDTH))}: a tool 4 standard
 * deviations above the catalog's mean is even odds, 3.5 reaches 0.73, 4 reaches 0.88: in a catalog of 1,000 tools
 * about one stands 3 deviations out by chance. A small catalog says little about the spread (of 20 tools none can
 * stand more than 4.4 deviations out), so the catalog's mean and deviation are shrunk towards the model's usual ones
 * ({@link Embedder#prior()}) as if {@link #PRIOR_WEIGHT} typical tools were added. The constants are read off the
 * similarity distribution of the model over a catalog, not fitted to the tasks of an evaluation set.
 */
record Calibration(double mean, double deviation) {

  static final double MIDPOINT = 3.0;
  static final double WIDTH = 0.5;
  /** How many typical tools the model's usual spread counts as. */
  static final int PRIOR_WEIGHT = 100;

  /** The calibration of a prompt's similarities to a catalog, shrunk towards {@code prior}. */
  static Calibration of(double[] cosines, Calibration prior) {
    double sum = PRIOR_WEIGHT * prior.mean;
    double squares = PRIOR_WEIGHT * (prior.deviation * prior.deviation + prior.mean * prior.mean);
    for (double cosine : cosines) {
      sum += cosine;
      squares += cosine * cosine;
    }
    int n = cosines.length + PRIOR_WEIGHT;
    double mean = sum / n;
    double deviation = Math.sqrt(Math.max(1e-6, squares / n - mean * mean));
    return new Calibration(mean, deviation);
  }

  /** The confidence of a candidate with this cosine. */
  double confidence(double cosine) {
    double z = (cosine - mean) / deviation;
    return 1 / (1 + Math.exp(-(z - MIDPOINT) / WIDTH));
  }
}
