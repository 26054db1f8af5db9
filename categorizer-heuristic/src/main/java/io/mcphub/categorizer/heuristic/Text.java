package io.mcphub.categorizer.heuristic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt text as the scorer sees it: NFKC, lower case, Latin/Cyrillic accents removed, letters repeated
 * three or more times squeezed to two ("commmit" → "commit"), split into tokens of letters, marks and digits.
 */
record Text(String normalized, List<String> tokens) {

  private static final Pattern COMBINING_ACCENTS = Pattern.compile("[\\u0300-\\u036f]");
  private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

  static Text of(String raw) {
    String normalized = normalize(raw);
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(normalized);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return new Text(normalized, tokens);
  }

  static String normalize(String raw) {
    String composed = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    String stripped = COMBINING_ACCENTS.matcher(Normalizer.normalize(composed, Normalizer.Form.NFD)).replaceAll("");
    String recomposed = Normalizer.normalize(stripped, Normalizer.Form.NFC).replace('\u2019', '\'').replace('\u2018', '\'');
    return REPEATS.matcher(recomposed).replaceAll("$1$1");
  }
}
