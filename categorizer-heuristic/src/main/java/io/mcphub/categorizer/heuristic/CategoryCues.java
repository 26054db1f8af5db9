package io.mcphub.categorizer.heuristic;

import io.mcphub.categorizer.CategoryDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores the requested categories the lexicon does not know (those a hub derives from its servers: {@code google-maps},
 * {@code stripe}, {@code atlassian}) from their own words, since no word list can know them in advance:
 * <ul>
 *   <li>the category's whole name, when it has two words or more ("google maps"): strong, {@value #PHRASE};</li>
 *   <li>one word of its name ("stripe"), or a proper name in its description ("Jira", "Confluence"): medium,
 *       {@value #NAME} — not enough alone: common words are names too ("word", "time");</li>
 *   <li>a distinctive word of its description ("refunds", "geocoding"): weak, {@value #WORD} each.</li>
 * </ul>
 * A description word is distinctive when no other requested category uses it, it is not a generic word of tools
 * ({@code create}, {@code list}, {@code data}…) and the lexicon does not already read it as a cue of its own categories.
 * Words match whole, singular and plural alike. A category's confidence is the noisy-OR of its distinct evidence,
 * at most {@value PromptScorer#WEAK_ONLY_CAP} when every piece is weak — as for the lexicon's own cues. The cues are
 * built once per list of categories (the hub sends the same list until its catalog changes). Thread-safe.
 */
final class CategoryCues {

  static final double PHRASE = 0.9;
  static final double NAME = 0.6;
  static final double WORD = 0.3;
  private static final int MIN_WORD = 3;
  /** Proper names shorter than this are too often abbreviations or common words ("App", "Key"). */
  private static final int MIN_PROPER_NAME = 4;
  private static final Pattern PROPER_NAME = Pattern.compile("(?<=[\\p{Ll}\\p{N},;(+/&] )\\p{Lu}[\\p{L}\\p{N}]+|\\p{Lu}{2,}[\\p{N}]*");
  private static final Set<String> GENERIC = Set.of(
      "the", "and", "for", "with", "from", "into", "that", "this", "its", "their", "your", "our", "via", "using", "other",
      "any", "all", "one", "two", "more", "than", "also", "can", "not", "but", "such", "each", "over", "out", "off", "like",
      "create", "read", "reads", "write", "list", "lists", "get", "gets", "set", "search", "searches", "find", "update",
      "delete", "remove", "add", "edit", "manage", "manages", "run", "runs", "send", "use", "make", "open", "show", "look",
      "data", "tool", "server", "servers", "service", "official", "community", "reference", "archived", "api", "mcp",
      "support", "supports", "client", "access", "local", "remote", "online", "new", "current", "full", "simple", "basic",
      "text", "content", "contents", "item", "information", "details", "detail", "result", "name", "names", "user", "users",
      "way", "own", "based", "return", "returns", "back", "help", "work", "works", "lets", "let", "agent", "assistant",
      "app", "apps", "application", "services", "storage", "platform", "account", "accounts", "project", "projects",
      "workspace", "cloud", "enterprise", "desktop", "mobile", "free", "source", "version", "model");

  /** One piece of evidence a prompt word can give a category. */
  private record Cue(String category, String label, double weight) {
  }

  /** The cues of one list of categories, by (stemmed) word, and the multi-word names. */
  private record Cues(List<CategoryDefinition> categories, Map<String, List<Cue>> byWord, Map<String, List<String>> phrases) {
  }

  /** What the cues found: confidences of the scored categories and the words behind them. */
  record Result(Map<String, Double> scores, Map<String, List<String>> evidence) {
  }

  private final Lexicon lexicon;
  private volatile Cues cached = new Cues(List.of(), Map.of(), Map.of());

  CategoryCues(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Scores {@code unknown} (a subset of {@code all}, the request's categories) against the prompt's tokens. */
  Result score(List<String> tokens, List<CategoryDefinition> unknown, List<CategoryDefinition> all) {
    Cues cues = cues(unknown, all);
    List<String> stems = tokens.stream().map(CategoryCues::stem).toList();
    Map<String, Map<String, Double>> found = new LinkedHashMap<>();
    for (String stem : stems) {
      for (Cue cue : cues.byWord().getOrDefault(stem, List.of())) {
        found.computeIfAbsent(cue.category(), c -> new LinkedHashMap<>()).merge(cue.label(), cue.weight(), Math::max);
      }
    }
    cues.phrases().forEach((category, phrase) -> {
      if (contains(stems, phrase)) {
        found.computeIfAbsent(category, c -> new LinkedHashMap<>()).put(String.join(" ", phrase), PHRASE);
      }
    });
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, List<String>> evidence = new LinkedHashMap<>();
    for (CategoryDefinition category : unknown) {
      Map<String, Double> items = found.getOrDefault(category.name(), Map.of());
      scores.put(category.name(), confidence(items.values()));
      if (!items.isEmpty()) {
        evidence.put(category.name(), List.copyOf(items.keySet()));
      }
    }
    return new Result(scores, evidence);
  }

  private static double confidence(Iterable<Double> weights) {
    double miss = 1.0;
    double strongest = 0;
    for (double weight : weights) {
      miss *= 1 - weight;
      strongest = Math.max(strongest, weight);
    }
    return strongest >= PromptScorer.NOT_WEAK ? 1 - miss : Math.min(1 - miss, PromptScorer.WEAK_ONLY_CAP);
  }

  private Cues cues(List<CategoryDefinition> unknown, List<CategoryDefinition> all) {
    Cues current = cached;
    if (current.categories().equals(all)) {
      return current;
    }
    Cues built = build(unknown, all);
    cached = built;
    return built;
  }

  private Cues build(List<CategoryDefinition> unknown, List<CategoryDefinition> all) {
    Map<String, Integer> usedBy = new HashMap<>();
    for (CategoryDefinition category : all) {
      Set<String> words = new HashSet<>(stems(category.name().replace('-', ' ').replace('_', ' ')));
      words.addAll(stems(category.description()));
      words.forEach(word -> usedBy.merge(word, 1, Integer::sum));
    }
    Map<String, List<Cue>> byWord = new HashMap<>();
    Map<String, List<String>> phrases = new HashMap<>();
    for (CategoryDefinition category : unknown) {
      Map<String, Cue> cues = new LinkedHashMap<>();
      List<String> name = stems(category.name().replace('-', ' ').replace('_', ' '));
      if (name.size() >= 2) {
        phrases.put(category.name(), name);
      }
      name.stream().filter(CategoryCues::meaningful).forEach(word -> cues.put(word, new Cue(category.name(), word, NAME)));
      for (String word : properNames(category.description())) {
        if (word.length() >= MIN_PROPER_NAME && meaningful(word) && usedBy.getOrDefault(word, 0) <= 1 && !lexiconWord(word)) {
          cues.putIfAbsent(word, new Cue(category.name(), word, NAME));
        }
      }
      for (String word : stems(category.description())) {
        if (meaningful(word) && usedBy.getOrDefault(word, 0) <= 1 && !lexiconWord(word)) {
          cues.putIfAbsent(word, new Cue(category.name(), word, WORD));
        }
      }
      cues.forEach((word, cue) -> byWord.computeIfAbsent(word, w -> new ArrayList<>()).add(cue));
    }
    return new Cues(List.copyOf(all), byWord, phrases);
  }

  /** True when the lexicon reads {@code word} as a whole-word cue of one of its own categories. */
  private boolean lexiconWord(String word) {
    return lexicon.candidates(word).stream().anyMatch(cue -> cue.tokens().size() == 1 && cue.accepts(0, word));
  }

  private static boolean meaningful(String word) {
    return word.length() >= MIN_WORD && !GENERIC.contains(word) && !word.chars().allMatch(Character::isDigit);
  }

  private static List<String> properNames(String description) {
    List<String> names = new ArrayList<>();
    Matcher matcher = PROPER_NAME.matcher(description);
    while (matcher.find()) {
      names.add(stem(Text.normalize(matcher.group())));
    }
    return names;
  }

  private static List<String> stems(String text) {
    return Text.of(text).tokens().stream().map(CategoryCues::stem).toList();
  }

  /**
   * Singular and plural alike: a trailing {@code s} is dropped from words of four letters or more, except after
   * {@code s}, {@code u} or {@code i} ("class", "status", "redis").
   */
  static String stem(String word) {
    return word.length() >= 4 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")
        ? word.substring(0, word.length() - 1) : word;
  }

  private static boolean contains(List<String> stems, List<String> phrase) {
    for (int i = 0; i + phrase.size() <= stems.size(); i++) {
      if (stems.subList(i, i + phrase.size()).equals(phrase)) {
        return true;
      }
    }
    return false;
  }
}
