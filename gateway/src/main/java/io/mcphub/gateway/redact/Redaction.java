package io.mcphub.gateway.redact;

import io.mcphub.categorizer.Secrets;
import java.util.Collection;
import java.util.UUID;

/**
 * Removes secrets from foreign text (an upstream's stderr or error message, a provider's error body) before it is
 * logged or shown — by the rules every categorizer uses too ({@link Secrets}) — and issues the correlation ids that
 * tie a generic client-facing message to the detailed log line.
 */
public final class Redaction {

  private Redaction() {
  }

  /** {@code text} with every secret pattern masked; null stays null. */
  public static String secrets(String text) {
    return Secrets.redact(text);
  }

  /** {@code text} with every secret pattern and every occurrence of a {@code known} secret value masked. */
  public static String secrets(String text, Collection<String> known) {
    return Secrets.redact(text, known);
  }

  /** A short id that ties what a client is told to the detailed log line. */
  public static String reference() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
