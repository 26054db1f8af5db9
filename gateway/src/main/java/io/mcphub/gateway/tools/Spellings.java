package io.mcphub.gateway.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The words of the tool index by their one-letter deletions, so that a misspelled request word finds the index words
 * one edit away (an insertion, a deletion, a substitution or a transposition of neighbours) by a few map lookups
 * instead of a scan. Built with the index, off the event loop; immutable and thread-safe.
 */
final class Spellings {

  /** Words shorter than this are too easily one edit from another real word. */
  static final int MIN_LENGTH = 4;
  private static final Pattern LETTERS = Pattern.compile("[a-z]+");

  private final Map<String, List<String>> byDeletion;

  private Spellings(Map<String, List<String>> byDeletion) {
    this.byDeletion = byDeletion;
  }

  static Spellings of(Collection<String> words) {
    Map<String, List<String>> byDeletion = new HashMap<>();
    for (String word : words) {
      if (word.length() >= MIN_LENGTH && LETTERS.matcher(word).matches()) {
        byDeletion.computeIfAbsent(word, k -> new ArrayList<>()).add(word);
        for (String deleted : deletions(word)) {
          byDeletion.computeIfAbsent(deleted, k -> new ArrayList<>()).add(word);
        }
      }
    }
    return new Spellings(byDeletion);
  }

  /**
   * The index words one edit away from {@code word} and starting with its letter, at most {@code limit}, closest in
   * length first, then alphabetically (the same answer every time).
   */
  List<String> corrections(String word, int limit) {
    TreeSet<String> found = new TreeSet<>((a, b) -> {
      int byLength = Integer.compare(Math.abs(a.length() - word.length()), Math.abs(b.length() - word.length()));
      return byLength != 0 ? byLength : a.compareTo(b);
    });
    List<String> keys = new ArrayList<>(deletions(word));
    keys.add(word);
    for (String key : keys) {
      for (String candidate : byDeletion.getOrDefault(key, List.of())) {
        if (!candidate.equals(word) && candidate.charAt(0) == word.charAt(0) && oneEditApart(candidate, word)) {
          found.add(candidate);
        }
      }
    }
    return found.stream().limit(limit).toList();
  }

  private static List<String> deletions(String word) {
    List<String> deletions = new ArrayList<>(word.length());
    for (int i = 0; i < word.length(); i++) {
      deletions.add(word.substring(0, i) + word.substring(i + 1));
    }
    return deletions;
  }

  /** True when one insertion, deletion, substitution or transposition of neighbours turns {@code a} into {@code b}. */
  static boolean oneEditApart(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (i == la) {
        return false;
      }
      return a.regionMatches(i + 1, b, i + 1, la - i - 1)
          || (i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i) && a.regionMatches(i + 2, b, i + 2, la - i - 2));
    }
    String longer = la > lb ? a : b;
    String shorter = la > lb ? b : a;
    return longer.regionMatches(i + 1, shorter, i, shorter.length() - i);
  }
}
