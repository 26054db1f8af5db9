package io.mcphub.categorizer.heuristic;

import java.util.List;

/**
 * One lexicon entry: a word ({@code git}), a prefix ({@code commit*}), a phrase ({@code pull request*}) or
 * a raw substring ({@code ~ファイル}), with the category it points to and its weight.
 */
record Cue(String category, String source, double weight, List<String> tokens, String substring) {

  static Cue parse(String category, String source, double weight) {
    String cleaned = Text.normalize(source.strip());
    if (cleaned.startsWith("~")) {
      return new Cue(category, source, weight, List.of(), cleaned.substring(1));
    }
    List<String> tokens = Text.of(cleaned.replace("*", " starmark ")).tokens();
    List<String> merged = new java.util.ArrayList<>();
    for (String token : tokens) {
      if (token.equals("starmark") && !merged.isEmpty()) {
        merged.set(merged.size() - 1, merged.get(merged.size() - 1) + "*");
      } else {
        merged.add(token);
      }
    }
    return new Cue(category, source, weight, List.copyOf(merged), null);
  }

  boolean isSubstring() {
    return substring != null;
  }

  /** True when token {@code index} of this cue accepts {@code token}. */
  boolean accepts(int index, String token) {
    String pattern = tokens.get(index);
    return pattern.endsWith("*") ? token.startsWith(pattern.substring(0, pattern.length() - 1)) : token.equals(pattern);
  }

  /** True when this cue's tokens appear at {@code start} of {@code text}. */
  boolean matchesAt(List<String> text, int start) {
    if (start + tokens.size() > text.size()) {
      return false;
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (!accepts(i, text.get(start + i))) {
        return false;
      }
    }
    return true;
  }

  /** The key a cue is indexed by: its first token, or the first two letters of a prefix. */
  String indexKey() {
    String first = tokens.get(0);
    return first.endsWith("*") ? prefixKey(first.substring(0, first.length() - 1)) : first;
  }

  static String prefixKey(String token) {
    return "*" + token.substring(0, Math.min(2, token.length()));
  }
}
