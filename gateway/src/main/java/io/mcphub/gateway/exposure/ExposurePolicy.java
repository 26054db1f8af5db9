package io.mcphub.gateway.exposure;

import io.mcphub.gateway.config.FilteringMode;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.FilteringOptions.DefaultExposure;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.session.Grant;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CatalogEntry;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one exposure predicate of a filtering mode. {@code tools/list} lists what {@link #visible} allows,
 * {@code tools/call} refuses what it does not, and {@code hub__call_tool} reaches what {@link #callable} allows.
 * In prompt-based mode each session (or, without isolation, everyone) sees the tools of its exposed categories.
 * Every rule is limited by the session's {@link Grant}: what its OAuth token's scopes allow.
 */
public final class ExposurePolicy {

  /** Stands for every category (defaultExposure {@code all}). */
  public static final String ALL_CATEGORIES = "*";
  static final String SHARED_HANDLE = "shared";
  /** How many analyses' worth of tools ({@code maxTools} each) an additive exposure keeps. */
  public static final int MAX_TOOLS_PER_MAX_TOOLS = 10;

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
    Grant grant = session.grant();
    return filteredFor(session).and(grant::allows);
  }

  /** Whether the session's credentials allow the tool at all (its {@link Grant}), whatever the mode exposes. */
  public boolean granted(Session session, CatalogEntry tool) {
    return session.grant().allows(tool);
  }

  private Predicate<CatalogEntry> filteredFor(Session session) {
    return switch (options.mode()) {
      case STATIC -> tool -> true;
      case SERVER_ALLOWLIST -> this::serverAllowed;
      case CATEGORY -> tool -> options.filterCategories().contains(tool.category());
      case HYBRID -> tool -> serverAllowed(tool) || options.filterCategories().contains(tool.category());
      case PROMPT_BASED -> {
        Exposure exposure = exposure(session);
        yield tool -> allows(exposure, tool);
      }
    };
  }

  /** What {@code hub__call_tool} may reach: in prompt-based mode any tool, otherwise what the mode lists. */
  public boolean callable(Session session, CatalogEntry tool) {
    return promptBased() ? granted(session, tool) : visible(session, tool);
  }

  /**
   * The categories exposed to the session now: the default exposure until an analysis changes it, then also the
   * categories analyses found needed (whose tools are listed one by one, see {@link #expose(Session, Set, List)}).
   */
  public Set<String> exposed(Session session) {
    return exposure(session).reported();
  }

  /** The session's whole exposure: wholesale categories, analysed categories, and the tools listed one by one. */
  public Exposure exposure(Session session) {
    Exposure recorded = store.get(handle(session));
    return recorded != null ? recorded : new Exposure(defaults(), Set.of(), Set.of());
  }

  /** Exposes every tool of {@code categories}: adds to (additive) or replaces (replacement) the session's exposure. */
  public void expose(Session session, Set<String> categories) {
    Exposure base = base(session);
    Set<String> next = new LinkedHashSet<>(base.categories());
    next.addAll(categories);
    store.put(handle(session), new Exposure(next, base.analyzed(), base.tools()));
  }

  /**
   * Applies an analysis that found {@code categories} needed and selected {@code tools}: those tools are listed (added
   * to, or replacing, what earlier analyses exposed). A session keeps at most {@link #MAX_TOOLS_PER_MAX_TOOLS} times
   * {@code maxTools} tools exposed by analyses; beyond that the oldest leave its list.
   */
  public void expose(Session session, Set<String> categories, List<String> tools) {
    store.put(handle(session), base(session).plus(categories, tools, MAX_TOOLS_PER_MAX_TOOLS * options.maxTools()));
  }

  private Exposure base(Session session) {
    return options.exposureMode() == FilteringOptions.ExposureMode.ADDITIVE ? exposure(session) : Exposure.NONE;
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

  private static boolean allows(Exposure exposure, CatalogEntry tool) {
    Set<String> categories = exposure.categories();
    return categories.contains(ALL_CATEGORIES) || categories.contains(tool.category()) || Taxonomy.META.equals(tool.category())
        || exposure.tools().contains(tool.name());
  }
}
