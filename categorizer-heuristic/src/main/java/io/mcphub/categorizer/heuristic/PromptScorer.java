package io.mcphub.categorizer.heuristic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Scores a prompt against categories from lexicon cues and structural features. A category's confidence is
 * the noisy-OR of its distinct pieces of evidence ({@code 1 - prod(1 - weight)}): one strong cue (0.9)
 * clears the 0.7 threshold, one medium cue (0.6) does not, two medium cues (0.84) do. A cue that says no
 * tool is needed ("explain …", "write a poem …") scales every confidence down, unless an explicit action
 * ("… and send it") overrides it. Pure and thread-safe.
 */
final class PromptScorer {

  /** The scores and the evidence behind them. */
  record Result(Map<String, Double> scores, Map<String, List<String>> evidence, List<String> noToolCues, double toolNeed,
      List<String> needCues) {
  }

  /** What a no-tool cue ("explain", "write a poem") weighs against needing a tool: the strongest evidence there is. */
  static final double NO_TOOL_AGAINST = 0.9;
  /** What a structural feature (a URL, a path, an address, a channel, a resource id) says of needing a tool. */
  static final double GROUNDING_FEATURE_WEIGHT = 0.6;

  static final int MAX_SCORED_CHARS = 8 * 1024;
  /** Tokens shorter than this are never read as typos: short words collide with real ones. */
  private static final int MIN_TYPO_TOKEN = 6;
  /** Evidence made only of weak cues never reaches the threshold: it stays at most this. */
  static final double WEAK_ONLY_CAP = 0.6;
  /** Evidence at least this heavy is not weak (the lexicon's medium cues weigh 0.6, weak ones 0.35). */
  static final double NOT_WEAK = 0.5;

  private final Lexicon lexicon;

  PromptScorer(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  Result score(String prompt, Collection<String> categories) {
    String lowered = Text.normalize(prompt.length() > MAX_SCORED_CHARS ? prompt.substring(0, MAX_SCORED_CHARS) : prompt);
    Evidence evidence = new Evidence();
    String words = applyFeatures(lowered, evidence);
    Text text = Text.of(words);
    matchTokens(text.tokens(), evidence);
    matchSubstrings(text.normalized(), evidence);
    boolean noTool = !evidence.cues(Lexicon.NO_TOOL).isEmpty() && evidence.cues(Lexicon.NO_TOOL_OVERRIDE).isEmpty();
    double factor = noTool ? lexicon.noToolFactor() : 1.0;
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, List<String>> why = new LinkedHashMap<>();
    for (String category : categories) {
      scores.put(category, evidence.confidence(category) * factor);
      List<String> cues = evidence.cues(category);
      if (!cues.isEmpty()) {
        why.put(category, cues);
      }
    }
    List<String> needCues = new ArrayList<>(evidence.cues(Lexicon.TOOL_NEED_GROUNDING));
    evidence.cues(Lexicon.TOOL_NEED_AGAINST).forEach(cue -> needCues.add("not " + cue));
    return new Result(scores, why, noTool ? evidence.cues(Lexicon.NO_TOOL) : List.of(), toolNeed(evidence, noTool), needCues);
  }

  /**
   * How likely the request needs any tool: the lexicon's neutral value raised by grounding evidence and lowered by
   * evidence that the answer belongs in the chat, as far as grounding does not contradict it (each a noisy-OR of its
   * cues; a no-tool cue without an override counts {@link #NO_TOOL_AGAINST} against).
   * <pre>
   *   need = (1 − (1 − neutral)(1 − grounding)) × (1 − against × (1 − grounding))
   * </pre>
   */
  private double toolNeed(Evidence evidence, boolean noTool) {
    double grounding = evidence.noisyOr(Lexicon.TOOL_NEED_GROUNDING);
    double against = 1 - (1 - evidence.noisyOr(Lexicon.TOOL_NEED_AGAINST)) * (1 - (noTool ? NO_TOOL_AGAINST : 0));
    return (1 - (1 - lexicon.toolNeed().neutral()) * (1 - grounding)) * (1 - against * (1 - grounding));
  }


  private static String applyFeatures(String text, Evidence evidence) {
    String remaining = text;
    for (Feature feature : Feature.ALL) {
      Matcher matcher = feature.pattern().matcher(remaining);
      if (matcher.find()) {
        evidence.add(feature.category(), "feature:" + feature.group(), feature.name(), feature.weight());
        evidence.add(Lexicon.TOOL_NEED_GROUNDING, "feature:" + feature.group(), feature.name(), GROUNDING_FEATURE_WEIGHT);
        if (feature.removeFromText()) {
          remaining = matcher.replaceAll(" ");
        }
      }
    }
    return remaining;
  }

  /**
   * Matches every cue at every token, then keeps, per category, the heaviest non-overlapping matches: the words
   * "the tests" count once for development, not as both "the tests" and "tests".
   */
  private void matchTokens(List<String> tokens, Evidence evidence) {
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      boolean matched = false;
      for (Cue cue : lexicon.candidates(token)) {
        if (cue.matchesAt(tokens, i)) {
          matches.add(new Match(cue, i, i + cue.tokens().size(), cue.source()));
          matched = true;
        }
      }
      if (!matched && token.length() >= MIN_TYPO_TOKEN) {
        for (Cue cue : lexicon.wordsStartingWith(token.charAt(0))) {
          if (cue.weight() >= NOT_WEAK && !cue.category().startsWith(Lexicon.TOOL_NEED_PREFIX)
              && oneLetterMissingOrExtra(token, cue.tokens().get(0))) {
            matches.add(new Match(cue, i, i + 1, cue.source() + " (typo)"));
          }
        }
      }
    }
    matches.sort(Comparator.comparingDouble((Match m) -> m.cue().weight()).reversed().thenComparingInt(Match::start));
    Map<String, BitSet> claimed = new HashMap<>();
    for (Match match : matches) {
      BitSet used = claimed.computeIfAbsent(match.cue().category(), c -> new BitSet());
      if (used.get(match.start(), match.end()).isEmpty()) {
        used.set(match.start(), match.end());
        evidence.add(match.cue().category(), "cue:" + match.cue().source(), match.label(), match.cue().weight());
      }
    }
  }

  private record Match(Cue cue, int start, int end, String label) {
  }

  private void matchSubstrings(String text, Evidence evidence) {
    if (text.chars().allMatch(c -> c < 0x80)) {
      return;
    }
    for (Cue cue : lexicon.substrings()) {
      if (text.contains(cue.substring())) {
        evidence.add(cue.category(), "cue:" + cue.source(), cue.source().substring(1), cue.weight());
      }
    }
  }

  /**
   * True when {@code a} and {@code b} differ by exactly one missing or extra letter ("remeber"). Substitutions
   * are not typos here: they turn real words into other real words (fixes/files, stack/slack); neither is a
   * plural ("remembers" is someone else remembering).
   */
  static boolean oneLetterMissingOrExtra(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) != 1 || a.equals(b + "s") || b.equals(a + "s")) {
      return false;
    }
    String longer = la > lb ? a : b;
    String shorter = la > lb ? b : a;
    int i = 0;
    while (i < shorter.length() && longer.charAt(i) == shorter.charAt(i)) {
      i++;
    }
    return longer.regionMatches(i + 1, shorter, i, shorter.length() - i);
  }

  /** Distinct evidence per category: each cue or feature counts once, at its weight. */
  private static final class Evidence {
    private final Map<String, Map<String, Double>> weights = new HashMap<>();
    private final Map<String, List<String>> labels = new HashMap<>();

    void add(String category, String key, String label, double weight) {
      Map<String, Double> items = weights.computeIfAbsent(category, c -> new LinkedHashMap<>());
      Double previous = items.merge(key, weight, Math::max);
      if (previous == weight && !labels.getOrDefault(category, List.of()).contains(label)) {
        labels.computeIfAbsent(category, c -> new ArrayList<>()).add(label);
      }
    }

    double confidence(String category) {
      double miss = 1.0;
      double strongest = 0;
      for (double weight : weights.getOrDefault(category, Map.of()).values()) {
        miss *= 1 - weight;
        strongest = Math.max(strongest, weight);
      }
      return strongest >= NOT_WEAK ? 1 - miss : Math.min(1 - miss, WEAK_ONLY_CAP);
    }

    /** {@code 1 - prod(1 - weight)} over the category's distinct evidence, weak or not. */
    double noisyOr(String category) {
      double miss = 1.0;
      for (double weight : weights.getOrDefault(category, Map.of()).values()) {
        miss *= 1 - weight;
      }
      return 1 - miss;
    }

    List<String> cues(String category) {
      return labels.getOrDefault(category, List.of());
    }
  }
}
