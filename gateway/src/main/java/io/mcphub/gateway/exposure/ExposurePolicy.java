package io.mcphub.gateway.exposure;

import io.mcphub.gateway.config.FilteringMode;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.FilteringOptions.DefaultExposure;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CatalogEntry;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one exposure predicate of a filtering mode. {@code tools/list} lists what {@link #visible} allows,
 * {@code tools/call} refuses what it does not, and {@code hub__call_tool} reaches what {@link #callable} allows.
 * In prompt-based mode each session (or, without isolation, everyone) sees the tools of its exposed categories.
 */
public final class ExposurePolicy {

  /** Stands for every category (defaultExposure {@code all}). */
  public static final String ALL_CATEGORIES = "*";
  static final String SHARED_HANDLE = "shared";

  private FilteringOptions options;
  private final ExposureStore store;

  public ExposurePolicy(FilteringOptions options, ExposureStore store) {
    this.options = options;
    this.store = store;
  }

  public FilteringOptions options() {
    return options;
  }

  /** Applies a reloaded {@code toolFiltering}; sessions keep the categories they had exposed. */
  public void update(FilteringOptions next) {
    this.options = next;
  }

  public boolean promptBased() {
    return options.mode() == FilteringMode.PROMPT_BASED;
  }

  /** Meta tools are listed in prompt-based mode, unless the default exposure is {@code zero}. */
  public boolean listsMetaTools() {
    return promptBased() && options.defaultExposure() != DefaultExposure.ZERO;
  }

  /** Whether the session sees (and may call through {@code tools/call}) this upstream tool. */
  public boolean visible(Session session, CatalogEntry tool) {
    return visibleTo(session).test(tool);
  }

  /** The session's visibility rule, with its exposure looked up once: for listing many tools. */
  public Predicate<CatalogEntry> visibleTo(Session session) {
    return switch (options.mode()) {
      case STATIC -> tool -> true;
      case SERVER_ALLOWLIST -> this::serverAllowed;
      case CATEGORY -> tool -> options.filterCategories().contains(tool.category());
      case HYBRID -> tool -> serverAllowed(tool) || options.filterCategories().contains(tool.category());
      case PROMPT_BASED -> {
        Set<String> exposed = exposed(session);
        yield tool -> allows(exposed, tool.category());
      }
    };
  }

  /** What {@code hub__call_tool} may reach: in prompt-based mode any tool, otherwise what the mode lists. */
  public boolean callable(Session session, CatalogEntry tool) {
    return promptBased() || visible(session, tool);
  }

  /** The categories exposed to the session now (the default exposure until an analysis changes it). */
  public Set<String> exposed(Session session) {
    Set<String> recorded = store.get(handle(session));
    return recorded != null ? recorded : defaults();
  }

  /** Applies an analysis: adds to (additive) or replaces (replacement) the session's exposed categories. */
  public void expose(Session session, Set<String> categories) {
    Set<String> next = new LinkedHashSet<>();
    if (options.exposureMode() == FilteringOptions.ExposureMode.ADDITIVE) {
      next.addAll(exposed(session));
    }
    next.addAll(categories);
    store.put(handle(session), next);
  }

  /** Back to the default exposure. */
  public void reset(Session session) {
    store.remove(handle(session));
  }

  /** Frees an ended session's state (with isolation; the shared state outlives sessions). */
  public void forget(Session session) {
    if (options.sessionIsolation()) {
      store.remove(session.id());
    }
  }

  public boolean sessionIsolation() {
    return options.sessionIsolation();
  }

  private Set<String> defaults() {
    return switch (options.defaultExposure()) {
      case ZERO, META_ONLY -> Set.of();
      case MINIMAL -> new HashSet<>(options.minimalCategories());
      case ALL -> Set.of(ALL_CATEGORIES);
    };
  }

  private String handle(Session session) {
    return options.sessionIsolation() ? session.id() : SHARED_HANDLE;
  }

  private boolean serverAllowed(CatalogEntry tool) {
    boolean listed = options.filterServers().contains(tool.upstream().name());
    return options.serverFilterMode() == FilteringOptions.ServerFilterMode.ALLOWLIST ? listed : !listed;
  }

  private static boolean allows(Set<String> exposed, String category) {
    return exposed.contains(ALL_CATEGORIES) || exposed.contains(category) || Taxonomy.META.equals(category);
  }
}
