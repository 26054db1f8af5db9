package io.mcphub.categorizer.embedding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small vector and hashing helpers. */
final class Vectors {

  private Vectors() {
  }

  /** {@code vector} scaled to unit length (a zero vector stays zero). */
  static float[] unit(float[] vector) {
    double norm = 0;
    for (float value : vector) {
      norm += value * value;
    }
    float[] unit = vector.clone();
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < unit.length; i++) {
        unit[i] *= scale;
      }
    }
    return unit;
  }

  /** The dot product, the cosine of two unit vectors. */
  static double dot(float[] a, float[] b) {
    double sum = 0;
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** The SHA-256 of {@code text} in hex: a cache key. */
  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
