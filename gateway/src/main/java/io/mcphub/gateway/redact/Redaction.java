package io.mcphub.gateway.redact;

import java.util.UUID;

/**
 * The correlation ids that tie a generic client-facing message to the detailed log line. (What counts as a secret in
 * foreign text is {@link io.mcphub.categorizer.Secrets}, shared with every categorizer.)
 */
public final class Redaction {

  private Redaction() {
  }

  /** A short id that ties what a client is told to the detailed log line. */
  public static String reference() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
