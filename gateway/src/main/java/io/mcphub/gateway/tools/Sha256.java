package io.mcphub.gateway.tools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short SHA-256 fingerprints: collision suffixes of long tool names, prompt hashes in debug logs. */
public final class Sha256 {

  private Sha256() {
  }

  /** The first {@code bytes} bytes of the SHA-256 of {@code text}'s UTF-8, in hex. */
  public static String hex(String text, int bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
