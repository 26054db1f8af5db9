package io.mcphub.categorizer.embedding;

import io.mcphub.categorizer.CategoryDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors of category texts ({@code name: description}), embedded the first time a request names them and kept
 * in memory, at most {@link #MAX_ENTRIES} (least recently used first out). Called on the prompt worker only.
 */
final class CategoryVectors {

  static final int MAX_ENTRIES = 1_024;

  private final Embedder embedder;
  private final Map<String, float[]> vectors = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  CategoryVectors(Embedder embedder) {
    this.embedder = embedder;
  }

  /** The category's vector; every category of a request missing is embedded in one call first. */
  synchronized float[] vector(CategoryDefinition category) {
    return vectors.get(text(category));
  }

  /** Embeds, in one call, the categories of {@code requested} not known yet. */
  synchronized void prepare(List<CategoryDefinition> requested) {
    List<String> missing = new ArrayList<>();
    for (CategoryDefinition category : requested) {
      String text = text(category);
      if (!vectors.containsKey(text) && !missing.contains(text)) {
        missing.add(text);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    List<float[]> embedded = embedder.embedAll(missing);
    for (int i = 0; i < missing.size(); i++) {
      vectors.put(missing.get(i), embedded.get(i));
    }
  }

  private static String text(CategoryDefinition category) {
    String description = category.description().length() > 300 ? category.description().substring(0, 300) : category.description();
    return category.name().replace('-', ' ') + ": " + description;
  }
}
