package io.mcphub.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads {@code toolFiltering} into {@link FilteringOptions}, naming the path and allowed values of every problem. */
final class FilteringParser {

  private final FieldReader filtering;

  FilteringParser(FieldReader filtering) {
    this.filtering = filtering;
  }

  FilteringOptions parse() {
    boolean enabled = filtering.bool("enabled", true);
    FilteringMode mode = FilteringMode.fromConfig(filtering.string("mode", FilteringMode.STATIC.configName())).orElse(null);
    if (mode == null) {
      filtering.problem("mode", "got " + FieldReader.describe(filtering.string("mode", null)) + ", expected one of "
          + FilteringMode.allowed());
      mode = FilteringMode.STATIC;
    }
    FieldReader servers = child("serverFilter");
    FieldReader categories = child("categoryFilter");
    FieldReader prompt = child("promptBasedFiltering");
    List<FilteringOptions.CategoryOption> taxonomy = taxonomy();
    return new FilteringOptions(
        enabled ? mode : FilteringMode.STATIC,
        choice(servers, "mode", FilteringOptions.ServerFilterMode.class, FilteringOptions.ServerFilterMode.ALLOWLIST),
        servers.strings("servers"),
        categories.strings("categories"),
        mappings(categories),
        defaultExposure(prompt),
        prompt.has("minimalCategories") ? prompt.strings("minimalCategories") : FilteringOptions.DEFAULT_MINIMAL_CATEGORIES,
        prompt.bool("sessionIsolation", true),
        choice(prompt, "exposureMode", FilteringOptions.ExposureMode.class, FilteringOptions.ExposureMode.ADDITIVE),
        (int) prompt.longInRange("maxTools", FilteringOptions.DEFAULT_MAX_TOOLS, 1, FilteringOptions.MAX_MAX_TOOLS),
        taxonomy,
        llm());
  }

  private FieldReader child(String field) {
    return new FieldReader(filtering.object(field), filtering.path(field), problems());
  }

  private List<String> problems() {
    return filtering.problems();
  }

  private static <E extends Enum<E>> E choice(FieldReader reader, String field, Class<E> type, E fallback) {
    String value = reader.string(field, null);
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().replace('_', '-').equalsIgnoreCase(value)) {
        return constant;
      }
    }
    reader.problem(field, "got " + FieldReader.describe(value) + ", expected one of " + Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", ")));
    return fallback;
  }

  private static FilteringOptions.DefaultExposure defaultExposure(FieldReader prompt) {
    String value = prompt.string("defaultExposure", null);
    if (value == null) {
      return FilteringOptions.DefaultExposure.META_ONLY;
    }
    for (FilteringOptions.DefaultExposure exposure : FilteringOptions.DefaultExposure.values()) {
      if (exposure.configName().equals(value)) {
        return exposure;
      }
    }
    prompt.problem("defaultExposure", "got " + FieldReader.describe(value) + ", expected one of zero, meta-only, minimal, all");
    return FilteringOptions.DefaultExposure.META_ONLY;
  }

  private static Map<String, String> mappings(FieldReader categories) {
    return new LinkedHashMap<>(categories.stringMap("customMappings"));
  }

  /** {@code toolFiltering.categories}: the default taxonomy, or the config's (an array of {name, description, keywords}). */
  private List<FilteringOptions.CategoryOption> taxonomy() {
    Object value = filtering.raw("categories");
    if (value == null) {
      return Taxonomy.DEFAULT;
    }
    if (!(value instanceof JsonArray array)) {
      filtering.problem("categories", "got " + FieldReader.describe(value) + ", expected an array of {name, description, keywords}");
      return Taxonomy.DEFAULT;
    }
    List<FilteringOptions.CategoryOption> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      FieldReader item = new FieldReader(array.getValue(i) instanceof JsonObject o ? o : null,
          filtering.path("categories") + "[" + i + "]", problems());
      String name = item.string("name", null);
      if (name == null || name.isBlank()) {
        item.problem("name", "is required (a category name such as \"payments\")");
        continue;
      }
      result.add(new FilteringOptions.CategoryOption(name, item.string("description", ""), item.strings("keywords")));
    }
    if (result.stream().noneMatch(c -> c.name().equals(Taxonomy.OTHER))) {
      result.add(new FilteringOptions.CategoryOption(Taxonomy.OTHER, "anything else", List.of()));
    }
    return List.copyOf(result);
  }

  private FilteringOptions.LlmOptions llm() {
    FieldReader llm = child("llmCategorization");
    JsonObject config = filtering.object("llmCategorization");
    boolean enabled = llm.bool("enabled", config != null);
    String provider = enabled ? llm.string("provider", "heuristic") : "heuristic";
    if (provider.isBlank()) {
      llm.problem("provider", "must name a categorizer, e.g. \"gemini\" or \"heuristic\"");
    }
    double threshold = llm.doubleInRange("confidenceThreshold", FilteringOptions.LlmOptions.DEFAULT_THRESHOLD, 0, 1);
    return new FilteringOptions.LlmOptions(provider, llm.bool("fallbackToHeuristic", true), threshold,
        llm.longInRange("timeoutMs", FilteringOptions.LlmOptions.DEFAULT_TIMEOUT_MS, 1, 600_000),
        config == null ? new JsonObject() : config.copy());
  }
}
