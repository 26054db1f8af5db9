package io.mcphub.gateway.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The {@code toolFiltering} section.
 *
 * @param mode the effective mode ({@code static} when {@code enabled} is false)
 * @param serverFilterMode {@code allowlist} or {@code denylist} of {@code serverFilter.servers}
 * @param filterCategories {@code categoryFilter.categories}: what the {@code category} and {@code hybrid} modes allow
 * @param customMappings {@code categoryFilter.customMappings}: glob on the namespaced tool name → category, in file order
 * @param minimalCategories what {@code defaultExposure: minimal} exposes besides the meta tools
 * @param maxTools {@code promptBasedFiltering.maxTools}: the most tools one analysis exposes
 * @param categories the taxonomy categorizers score (name, description, keywords)
 * @param llm {@code llmCategorization}: the provider and its config, as given to its factory
 */
public record FilteringOptions(
    FilteringMode mode,
    ServerFilterMode serverFilterMode,
    List<String> filterServers,
    List<String> filterCategories,
    Map<String, String> customMappings,
    DefaultExposure defaultExposure,
    List<String> minimalCategories,
    boolean sessionIsolation,
    ExposureMode exposureMode,
    int maxTools,
    List<CategoryOption> categories,
    LlmOptions llm) {

  public static final List<String> DEFAULT_MINIMAL_CATEGORIES = List.of("filesystem", "memory");
  /** The default cap on the tools one analysis exposes (docs/tool-selection.md shows the measurements behind it). */
  public static final int DEFAULT_MAX_TOOLS = 25;
  /** The largest {@code maxTools} accepted. */
  public static final int MAX_MAX_TOOLS = 500;

  /** A category of the taxonomy. */
  public record CategoryOption(String name, String description, List<String> keywords) {
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("description", description)
          .put("keywords", new io.vertx.core.json.JsonArray(keywords));
    }
  }

  /**
   * {@code llmCategorization}.
   *
   * @param provider the categorizer that answers first ({@code heuristic} when none is configured)
   * @param config the whole section, placeholders resolved, handed to the provider's factory
   */
  public record LlmOptions(String provider, boolean fallbackToHeuristic, double confidenceThreshold, long timeoutMs,
      JsonObject config) {

    public static final double DEFAULT_THRESHOLD = 0.7;
    public static final long DEFAULT_TIMEOUT_MS = 3_000;
  }

  /** {@code serverFilter.mode}. */
  public enum ServerFilterMode { ALLOWLIST, DENYLIST }

  /** {@code promptBasedFiltering.defaultExposure}. */
  public enum DefaultExposure {
    ZERO("zero"), META_ONLY("meta-only"), MINIMAL("minimal"), ALL("all");

    private final String configName;

    DefaultExposure(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  /** {@code promptBasedFiltering.exposureMode}. */
  public enum ExposureMode { ADDITIVE, REPLACEMENT }

  /** Static mode, no LLM: the hub serves every tool. */
  public static FilteringOptions staticMode() {
    return new FilteringOptions(FilteringMode.STATIC, ServerFilterMode.ALLOWLIST, List.of(), List.of(), Map.of(),
        DefaultExposure.META_ONLY, DEFAULT_MINIMAL_CATEGORIES, true, ExposureMode.ADDITIVE, DEFAULT_MAX_TOOLS, Taxonomy.DEFAULT,
        new LlmOptions("heuristic", true, LlmOptions.DEFAULT_THRESHOLD, LlmOptions.DEFAULT_TIMEOUT_MS, new JsonObject()));
  }
}
