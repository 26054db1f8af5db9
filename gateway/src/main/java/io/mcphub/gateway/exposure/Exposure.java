package io.mcphub.gateway.exposure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one handle has exposed.
 *
 * @param categories categories whose every tool is listed (the default exposure, or {@link ExposurePolicy#ALL_CATEGORIES})
 * @param analyzed categories analyses found needed; their tools are listed one by one, as {@code tools} says
 * @param tools tools listed one by one (the tools analyses selected), oldest first
 */
public record Exposure(Set<String> categories, Set<String> analyzed, Set<String> tools) {

  public static final Exposure NONE = new Exposure(Set.of(), Set.of(), Set.of());

  public Exposure {
    categories = Set.copyOf(categories);
    analyzed = Set.copyOf(analyzed);
    tools = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tools));
  }

  /** This exposure plus an analysis' categories and tools; beyond {@code maxTools} the oldest tools are dropped. */
  Exposure plus(Set<String> moreCategories, List<String> moreTools, int maxTools) {
    Set<String> allAnalyzed = new LinkedHashSet<>(analyzed);
    allAnalyzed.addAll(moreCategories);
    LinkedHashSet<String> allTools = new LinkedHashSet<>(tools);
    moreTools.forEach(tool -> {
      allTools.remove(tool);
      allTools.add(tool);
    });
    while (allTools.size() > maxTools) {
      allTools.remove(allTools.iterator().next());
    }
    return new Exposure(categories, allAnalyzed, allTools);
  }

  /** The categories to report as exposed: the wholesale ones and those analyses found needed. */
  Set<String> reported() {
    Set<String> all = new LinkedHashSet<>(categories);
    all.addAll(analyzed);
    return all;
  }
}
