package io.mcphub.categorizer;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as a secret in foreign text, the same for the hub and every categorizer: before a plugin logs or
 * reports text a provider sent (an error body, a message), it passes it through {@link #redact(String)}. Masks
 * {@code Bearer}/{@code Basic} credentials, values of key/token/secret/password fields and headers (e.g.
 * {@code x-goog-api-key}, {@code Authorization}), {@code key=} style query parameters, well-known key shapes (Google
 * {@code AIza…}, OpenAI {@code sk-…}, GitHub {@code ghp_…}/{@code github_pat_…}, Slack {@code xox?-…}, AWS
 * {@code AKIA…}), and any value the caller knows to be secret.
 */
public final class Secrets {

  /** What a secret is replaced with. */
  public static final String MASK = "[REDACTED]";
  /**
   * Text longer than this is cut before it is redacted (and stays cut): foreign text can be megabytes, and neither a log
   * line nor an error message needs more.
   */
  public static final int MAX_CHARS = 8_192;
  /** Known secret values shorter than this are not searched for (too likely to match ordinary text). */
  public static final int MIN_KNOWN_SECRET_LENGTH = 6;

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{4,}");
  private static final Pattern FIELD = Pattern.compile("(?i)((?<![A-Za-z0-9_-])[\"']?[A-Za-z0-9_-]{0,64}?(?:api[_-]?key|apikey|token|secret|password"
      + "|passwd|authorization|credential|private[_-]?key|x-goog-api-key)[\"']?\\s*[:=]\\s*[\"']?)(?!(?:bearer|basic)\\s)([^\\s\"'&,;}]{3,})");
  private static final Pattern QUERY = Pattern.compile("(?i)([?&](?:key|api_key|apikey|access_token|token|sig|signature)=)[^&\\s\"'#]+");
  private static final Pattern KEY_SHAPES = Pattern.compile("\\b(?:AIza[0-9A-Za-z_-]{30,}|sk-[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{30,}"
      + "|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\\b");

  private Secrets() {
  }

  /** {@code text}, cut to {@link #MAX_CHARS}, with every secret pattern masked; null stays null. */
  public static String redact(String text) {
    return redact(text, List.of());
  }

  /** {@code text}, cut to {@link #MAX_CHARS}, with every secret pattern and every {@code known} secret value masked. */
  public static String redact(String text, Collection<String> known) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text.length() <= MAX_CHARS ? text
        : text.substring(0, MAX_CHARS) + "… (" + (text.length() - MAX_CHARS) + " characters cut)";
    for (String secret : known) {
      if (secret != null && secret.length() >= MIN_KNOWN_SECRET_LENGTH) {
        result = result.replace(secret, MASK);
      }
    }
    result = BEARER.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + " " + MASK));
    result = FIELD.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    result = QUERY.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    return KEY_SHAPES.matcher(result).replaceAll(MASK);
  }
}
