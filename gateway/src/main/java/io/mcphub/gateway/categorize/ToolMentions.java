package io.mcphub.gateway.categorize;

import io.mcphub.gateway.tools.CatalogEntry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tools a prompt names outright ("echo back …", "call read_graph"): the clearest signal of what it needs, whatever
 * a categorizer says. A tool counts when its own name (or namespaced name) appears as a whole word and is not a
 * generic verb that ordinary requests use anyway.
 */
public final class ToolMentions {

  /** The confidence a category gets when one of its tools is named in the prompt. */
  public static final double CONFIDENCE = 0.9;
  private static final int MIN_NAME_LENGTH = 4;
  private static final Set<String> GENERIC = Set.of("read", "write", "list", "search", "fetch", "query", "send", "open", "create",
      "delete", "update", "find", "help", "info", "status", "test", "build", "start", "stop", "call", "edit", "move", "copy",
      "save", "load", "show", "view", "check", "post", "ping", "time", "sleep", "crash", "fail", "roots", "sample", "elicit",
      "touch", "remember", "memory");

  private ToolMentions() {
  }

  /** Category → names of its tools named in {@code prompt}. */
  public static Map<String, Set<String>> in(String prompt, Iterable<CatalogEntry> tools) {
    String text = prompt.toLowerCase(Locale.ROOT);
    Map<String, Set<String>> mentioned = new LinkedHashMap<>();
    for (CatalogEntry tool : tools) {
      String name = tool.originalName().toLowerCase(Locale.ROOT);
      if ((name.length() >= MIN_NAME_LENGTH && !GENERIC.contains(name) && containsWord(text, name))
          || containsWord(text, tool.name().toLowerCase(Locale.ROOT))) {
        mentioned.computeIfAbsent(tool.category(), c -> new LinkedHashSet<>()).add(tool.name());
      }
    }
    return mentioned;
  }

  static boolean containsWord(String text, String word) {
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      int end = at + word.length();
      if ((at == 0 || !isWordChar(text.charAt(at - 1))) && (end == text.length() || !isWordChar(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }
}
