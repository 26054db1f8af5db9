package io.mcphub.gateway.categorize;

import io.mcphub.gateway.tools.CatalogEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tools a prompt names outright ("call read_graph", "use {@code github__create_issue}"): the clearest signal of what
 * it needs, whatever a categorizer says. A tool is named when its namespaced name appears as a whole word, or its
 * own name does and reads as an identifier — several words joined ({@code read_graph}, {@code get-forecast},
 * {@code getStoryWithComments}) or written as code ({@code `calculate`}, {@code think()}). A plain word that happens to
 * be a tool's name ("calculate", "think", "search") is not a mention: it is one weak signal, left to the tool index.
 */
public final class ToolMentions {

  /** The confidence a tool named in the prompt gets at least. */
  public static final double CONFIDENCE = 0.9;
  private static final int MIN_NAME_LENGTH = 4;
  /** A name made of several words: a separator, a lower-to-upper case change, or a letter-digit change. */
  private static final Pattern COMPOUND = Pattern.compile("[_.\\-]|[a-z][A-Z]|[A-Za-z][0-9]");
  /** What separates the words of a prompt: a tool name is letters, digits, {@code _} and {@code -}. */
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}_-]+");
  /** The same with dots inside a word ({@code files.read}: MCP tool names may have them). */
  private static final Pattern NOT_DOTTED_WORD = Pattern.compile("[^\\p{L}\\p{N}_.-]+");
  private static final Pattern DOTS_AT_ENDS = Pattern.compile("^\\.+|\\.+$");
  /** A word written as code: {@code `word`}, {@code `word(} or {@code word(}. */
  private static final Pattern CODE = Pattern.compile("`([\\p{L}\\p{N}_-]+)[`(]|([\\p{L}\\p{N}_-]+)\\(");

  private ToolMentions() {
  }

  /**
   * The names a prompt can mention, by lower-cased spelling: built once per tool list ({@link #names}) so that a
   * prompt is matched by looking its words up, not by scanning every tool.
   *
   * @param asWord spellings that count wherever they appear as a word (namespaced names, identifiers)
   * @param asCode plain-word names, which count only when written as code
   */
  public record Names(Map<String, List<CatalogEntry>> asWord, Map<String, List<CatalogEntry>> asCode) {
  }

  /** Indexes the names of {@code tools} by the spellings that mention them. */
  public static Names names(Iterable<CatalogEntry> tools) {
    Map<String, List<CatalogEntry>> asWord = new HashMap<>();
    Map<String, List<CatalogEntry>> asCode = new HashMap<>();
    for (CatalogEntry tool : tools) {
      asWord.computeIfAbsent(tool.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(tool);
      String name = tool.originalName();
      if (name.length() >= MIN_NAME_LENGTH) {
        (COMPOUND.matcher(name).find() ? asWord : asCode).computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(tool);
      }
    }
    return new Names(asWord, asCode);
  }

  /** Category → names of its tools named in {@code prompt}. */
  public static Map<String, Set<String>> in(String prompt, Iterable<CatalogEntry> tools) {
    return in(prompt, names(tools));
  }

  /** Category → names of its tools named in {@code prompt}. */
  public static Map<String, Set<String>> in(String prompt, Names names) {
    String text = prompt.toLowerCase(Locale.ROOT);
    Set<String> words = new LinkedHashSet<>(List.of(NOT_WORD.split(text)));
    for (String dotted : NOT_DOTTED_WORD.split(text)) {
      words.add(DOTS_AT_ENDS.matcher(dotted).replaceAll(""));
    }
    Set<String> code = new LinkedHashSet<>();
    for (Matcher matcher = CODE.matcher(text); matcher.find(); ) {
      code.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    Map<String, Set<String>> mentioned = new LinkedHashMap<>();
    words.forEach(word -> names.asWord().getOrDefault(word, List.of()).forEach(tool -> add(mentioned, tool)));
    code.forEach(word -> names.asCode().getOrDefault(word, List.of()).forEach(tool -> add(mentioned, tool)));
    return mentioned;
  }

  private static void add(Map<String, Set<String>> mentioned, CatalogEntry tool) {
    mentioned.computeIfAbsent(tool.category(), c -> new LinkedHashSet<>()).add(tool.name());
  }
}
