package io.mcphub.categorizer.llm;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategoryDefinition;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Recent answers by (normalized prompt and context, category names, model): a repeated prompt does not call the
 * API. Least recently used entries go first; entries older than the TTL are not served. Used on one context.
 */
public final class AnswerCache {

  private record Entry(Categorization answer, long expiresAt) {
  }

  private final int capacity;
  private final long ttlMs;
  private final Map<String, Entry> entries;

  public AnswerCache(int capacity, long ttlMs) {
    this.capacity = capacity;
    this.ttlMs = ttlMs;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > AnswerCache.this.capacity;
      }
    };
  }

  public static String key(CategorizationRequest request, String model) {
    String categories = request.categories().stream().map(CategoryDefinition::name).collect(Collectors.joining(","));
    return normalize(request.prompt()) + "\u0000" + normalize(request.context()) + "\u0000" + categories + "\u0000" + model;
  }

  public Categorization get(String key) {
    if (capacity <= 0) {
      return null;
    }
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (entry.expiresAt() < System.currentTimeMillis()) {
      entries.remove(key);
      return null;
    }
    return entry.answer();
  }

  public void put(String key, Categorization answer) {
    if (capacity > 0 && ttlMs > 0) {
      entries.put(key, new Entry(answer, System.currentTimeMillis() + ttlMs));
    }
  }

  public int size() {
    return entries.size();
  }

  private static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
