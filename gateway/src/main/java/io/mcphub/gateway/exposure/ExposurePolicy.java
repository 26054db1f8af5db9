package io.mcphub.gateway.exposure;

import io.mcphub.gateway.config.FilteringMode;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.FilteringOptions.DefaultExposure;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.session.Grant;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CatalogEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one exposure predicate of a filtering mode. {@code tools/list} lists what {@link #visible} allows,
 * {@code tools/call} refuses what it does not, and {@code hub__call_tool} reaches what {@link #callable} allows.
 * In prompt-based mode each legacy session (or, without isolation, every legacy session) sees the tools of its exposed
 * categories. Two kinds of session have a fixed exposure ({@link #fixed}): a 2026-07-28 request's transient session
 * sees the default exposure only, so its {@code tools/list} is a function of the config and its grant (that revision
 * forbids lists that change as a side effect of other requests); a session opened on a view URL sees the view's tools
 * (in any mode, within what the mode lists). Analyses of both mint {@link ExposureHandle}s instead of changing state.
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
  private final ExposureHandles handles;

  public ExposurePolicy(FilteringOptions options, ExposureStore store) {
    this(options, store, ExposureHandles.inMemory());
  }

  public ExposurePolicy(FilteringOptions options, ExposureStore store, ExposureHandles handles) {
    this.options = options;
    this.store = store;
    this.handles = handles;
  }

  /** The exposure handles analyses mint ({@code exposureId}s and view ids). */
  public ExposureHandles handles() {
    return handles;
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
    if (session.view() != null) {
      Exposure view = exposure(session);
      Predicate<CatalogEntry> inView = tool -> view.tools().contains(tool.name());
      return promptBased() ? inView : inView.and(modeFilter(session));
    }
    return modeFilter(session);
  }

  private Predicate<CatalogEntry> modeFilter(Session session) {
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

  /**
   * The session's whole exposure: wholesale categories, analysed categories, and the tools listed one by one. A view's
   * session has its view's (nothing once the view expired); a modern session the default; a legacy session what its
   * handle (its own, or the shared one without isolation) recorded, else the default.
   */
  public Exposure exposure(Session session) {
    if (session.view() != null) {
      ExposureHandles.Lookup view = handles.lookup(session.view(), session.owner());
      return view.handle() != null ? view.handle().exposure() : Exposure.NONE;
    }
    Exposure recorded = session.isModern() ? null : store.get(handle(session));
    return recorded != null ? recorded : new Exposure(defaults(), Set.of(), Set.of());
  }

  /**
   * Whether nothing may change the session's exposure: a modern request's transient session (its list depends on the
   * config and its grant only) and a view's session (a view is immutable). {@code expose} and {@code reset} leave
   * such sessions, and the state they would share, untouched.
   */
  public boolean fixed(Session session) {
    return session.isModern() || session.view() != null;
  }

  /** Exposes every tool of {@code categories}: adds to (additive) or replaces (replacement) the session's exposure. */
  public void expose(Session session, Set<String> categories) {
    if (fixed(session)) {
      return;
    }
    Set<String> added = new LinkedHashSet<>(categories);
    change(session, current -> {
      Set<String> next = new LinkedHashSet<>(current.categories());
      next.addAll(added);
      return new Exposure(next, current.analyzed(), current.tools());
    });
  }

  /**
   * Applies an analysis that found {@code categories} needed and selected {@code tools}: those tools are listed (added
   * to, or replacing, what earlier analyses exposed). A session keeps at most {@link #MAX_TOOLS_PER_MAX_TOOLS} times
   * {@code maxTools} tools exposed by analyses; beyond that the oldest leave its list.
   */
  public void expose(Session session, Set<String> categories, List<String> tools) {
    if (fixed(session)) {
      return;
    }
    Set<String> found = new LinkedHashSet<>(categories);
    List<String> selected = new ArrayList<>(tools);
    int kept = MAX_TOOLS_PER_MAX_TOOLS * options.maxTools();
    change(session, current -> current.plus(found, selected, kept));
  }

  /**
   * Applies {@code change} to what the session's exposure builds on: in additive mode its recorded exposure (the
   * defaults when none), through the store, so that two nodes of a cluster changing it at once both keep their change;
   * in replacement mode nothing (the change replaces whatever is recorded). {@code change} may run on another node:
   * it captures values only, never this policy.
   */
  private void change(Session session, ExposureStore.Change change) {
    if (options.exposureMode() != FilteringOptions.ExposureMode.ADDITIVE) {
      store.put(handle(session), change.apply(Exposure.NONE));
      return;
    }
    Set<String> defaults = new LinkedHashSet<>(defaults());
    store.update(handle(session), recorded -> change.apply(recorded != null ? recorded : new Exposure(defaults, Set.of(), Set.of())));
  }

  /** Back to the default exposure. */
  public void reset(Session session) {
    if (fixed(session)) {
      return;
    }
    store.remove(handle(session));
  }

  /** Frees an ended session's state (with isolation; the shared state outlives sessions). */
  public void forget(Session session) {
    if (options.sessionIsolation() && !fixed(session)) {
      store.forget(session.id());
    }
  }

  /**
   * Reads the session's exposure as the cluster has it, before a request of the session is served (clustered hub).
   * Only analyses change exposures, so outside prompt-based mode there is nothing to read.
   */
  public io.vertx.core.Future<Void> refresh(Session session) {
    return fixed(session) || !promptBased() ? io.vertx.core.Future.succeededFuture() : store.refresh(handle(session));
  }

  /**
   * Completes once what a request of the session changed (its exposure, handles it minted) is where every node reads
   * it: the response waits for it, so the client's next request reads it on any node.
   */
  public io.vertx.core.Future<Void> flush(Session session) {
    io.vertx.core.Future<Void> minted = handles.flush();
    return fixed(session) ? minted : io.vertx.core.Future.all(minted, store.flush(handle(session))).mapEmpty();
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
