package io.mcphub.gateway.tools;

import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.upstream.ListKind;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged view of every connected upstream: tools and prompts under namespaced names, resources under
 * their own URIs, and the routes back to their owners. Rebuilt (cheaply) whenever an upstream's lists
 * change; reads are plain map look-ups. Confined to the hub's context.
 */
public final class CapabilityRegistry {

  private record TemplateRoute(Pattern pattern, Upstream upstream, JsonObject template) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(CapabilityRegistry.class);

  private final List<Upstream> upstreams;
  private ToolCategorizer toolCategorizer;
  private Map<String, CatalogEntry> tools = Map.of();
  private CategoryCatalog categories = CategoryCatalog.EMPTY;
  /** The categorizer whose taxonomy {@link #categories} was built with (a reloaded config rebuilds it). */
  private ToolCategorizer categoriesBy;
  /** What each upstream says of itself, as of the last rebuild: derived categories and the index's server field use it. */
  private Map<String, String> serverTexts = Map.of();
  private Map<String, CatalogEntry> prompts = Map.of();
  private Map<String, Upstream> resourceOwners = Map.of();
  private List<JsonObject> resources = List.of();
  private List<JsonObject> templates = List.of();
  private List<TemplateRoute> templateRoutes = List.of();

  /**
   * The tools of the last rebuild by upstream and listed name, with the upstream item they came from: a rebuild reuses
   * an entry whose item, name and categorizer (and what it had learned) are unchanged, so one upstream's
   * {@code list_changed} re-categorizes and copies only that upstream's tools.
   */
  private Map<Upstream, Map<String, Built>> built = new IdentityHashMap<>();
  private Map<Upstream, Map<String, Built>> building = new IdentityHashMap<>();

  private record Built(JsonObject item, ToolCategorizer by, long generation, CatalogEntry entry) {
  }

  public CapabilityRegistry(List<Upstream> upstreams, ToolCategorizer toolCategorizer) {
    this.upstreams = upstreams;
    this.toolCategorizer = toolCategorizer;
  }

  /** Rebuilds the merged view; returns the kinds whose merged list changed. */
  public Set<ListKind> rebuild() {
    Set<ListKind> changed = EnumSet.noneOf(ListKind.class);
    building = new IdentityHashMap<>();
    Map<String, String> newServerTexts = new HashMap<>();
    upstreams.forEach(upstream -> newServerTexts.put(upstream.name(), CategoryCatalog.serverText(upstream)));
    Map<String, CatalogEntry> newTools = entries(ListKind.TOOLS, newServerTexts);
    built = building;
    if (!definitionsEqual(tools, newTools) || !newServerTexts.equals(serverTexts)) {
      // a server that came back with the same tools but a new title or instructions changes categories and the index
      changed.add(ListKind.TOOLS);
    }
    serverTexts = newServerTexts;
    Map<String, CatalogEntry> newPrompts = entries(ListKind.PROMPTS, Map.of());
    if (!definitionsEqual(prompts, newPrompts)) {
      changed.add(ListKind.PROMPTS);
    }
    if (changed.contains(ListKind.TOOLS) || categoriesBy != toolCategorizer) {
      // each server's text was worked out above; the catalog reuses it rather than reading every server again
      categories = CategoryCatalog.of(newTools.values(), toolCategorizer.taxonomy(),
          upstream -> newServerTexts.computeIfAbsent(upstream.name(), name -> CategoryCatalog.serverText(upstream)));
      categoriesBy = toolCategorizer;
    }
    tools = newTools;
    prompts = newPrompts;
    if (rebuildResources()) {
      changed.add(ListKind.RESOURCES);
    }
    return changed;
  }

  /** The deployment's non-empty categories, as categorizers are asked about them; rebuilt with the tools. */
  public CategoryCatalog categories() {
    return categories;
  }

  public ToolCategorizer toolCategorizer() {
    return toolCategorizer;
  }

  /** Replaces the category rules (a reloaded config); takes effect at the next {@link #rebuild()}. */
  public void toolCategorizer(ToolCategorizer next) {
    this.toolCategorizer = next;
  }

  public Iterable<CatalogEntry> tools() {
    return tools.values();
  }

  public int toolCount() {
    return tools.size();
  }

  public CatalogEntry tool(String name) {
    return tools.get(name);
  }

  /**
   * The configured upstream whose namespace {@code name} is in ({@code <namespace>__…}), whether or not it lists such a
   * tool right now (it may be restarting); the longest matching prefix wins. Null when no configured server owns it
   * (servers that keep their own names own no namespace).
   */
  public Upstream namespaceOwner(String name) {
    Upstream owner = null;
    int longest = -1;
    for (Upstream upstream : upstreams) {
      if (upstream.config().keepsOwnNames()) {
        continue;
      }
      String prefix = upstream.config().namespace() + ToolNames.SEPARATOR;
      if (name.startsWith(prefix) && name.length() > prefix.length() && prefix.length() > longest) {
        owner = upstream;
        longest = prefix.length();
      }
    }
    return owner;
  }

  public Iterable<CatalogEntry> prompts() {
    return prompts.values();
  }

  public CatalogEntry prompt(String name) {
    return prompts.get(name);
  }

  public List<JsonObject> resources() {
    return resources;
  }

  public List<JsonObject> resourceTemplates() {
    return templates;
  }

  /** The resource templates of the servers {@code allowed} accepts (by config name), in list order. */
  public List<JsonObject> resourceTemplates(java.util.function.Predicate<String> allowed) {
    return templateRoutes.stream().filter(route -> allowed.test(route.upstream().name())).map(TemplateRoute::template).toList();
  }

  /** The upstream that serves {@code uri}: a listed resource, else the first template that matches it. */
  public Upstream resourceOwner(String uri) {
    Upstream owner = resourceOwners.get(uri);
    if (owner != null) {
      return owner;
    }
    for (TemplateRoute route : templateRoutes) {
      if (route.pattern().matcher(uri).matches()) {
        return route.upstream();
      }
    }
    return null;
  }

  /**
   * The merged list of one kind. A name listed before stays with its previous owner while that server still offers it
   * (upstreams connect in their own time, so the first to list a name keeps it); new names are claimed in config order. A clash between two prefixed names gets a numbered suffix (as
   * before); a clash involving a server that keeps its own names ({@code "namespace": false}), or an upstream name in
   * the hub's own {@code hub__} namespace, is never resolved by shadowing: the later item is skipped with a warning that
   * names both servers and the name.
   */
  private Map<String, CatalogEntry> entries(ListKind kind, Map<String, String> serverTexts) {
    Map<String, CatalogEntry> previous = kind == ListKind.TOOLS ? tools : prompts;
    List<Claim> claims = new ArrayList<>();
    for (Upstream upstream : upstreams) {
      String namespace = upstream.config().namespace();
      String serverText = serverTexts.getOrDefault(upstream.name(), "");
      for (JsonObject item : upstream.catalog().list(kind)) {
        String original = item.getString("name");
        if (original != null) {
          claims.add(new Claim(upstream, original, ToolNames.listedName(namespace, original), item, serverText));
        }
      }
    }
    Map<String, CatalogEntry> byName = new HashMap<>();
    Map<Claim, CatalogEntry> placed = new IdentityHashMap<>();
    claims.stream().filter(claim -> keepsPreviousOwner(previous, claim)).forEach(claim -> add(byName, placed, claim, kind));
    claims.stream().filter(claim -> !keepsPreviousOwner(previous, claim)).forEach(claim -> add(byName, placed, claim, kind));
    Map<String, CatalogEntry> result = new LinkedHashMap<>();
    for (Claim claim : claims) {
      CatalogEntry entry = placed.get(claim);
      if (entry != null) {
        result.put(entry.name(), entry);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /** The tool as listed under {@code name}: the last rebuild's entry when nothing it depends on changed. */
  private CatalogEntry toolEntry(Claim claim, String name) {
    Built before = built.getOrDefault(claim.upstream(), Map.of()).get(name);
    CatalogEntry entry;
    if (before != null && before.item() == claim.item() && before.by() == toolCategorizer
        && before.generation() == toolCategorizer.generation()) {
      entry = before.entry();
    } else {
      JsonObject definition = claim.item().copy().put("name", name);
      ToolCategorizer.ToolCategory category = toolCategorizer.decide(claim.upstream().name(), claim.serverText(), name, claim.item());
      JsonObject meta = definition.getValue("_meta") instanceof JsonObject existing ? existing : new JsonObject();
      definition.put("_meta", meta.put(CatalogEntry.CATEGORY_META, category.name()));
      entry = new CatalogEntry(name, claim.upstream(), claim.original(), category.name(), category.reason(), definition);
    }
    building.computeIfAbsent(claim.upstream(), u -> new HashMap<>())
        .put(name, new Built(claim.item(), toolCategorizer, toolCategorizer.generation(), entry));
    return entry;
  }

  /** One item an upstream lists, with the name it would be listed under. */
  private record Claim(Upstream upstream, String original, String name, JsonObject item, String serverText) {
  }

  private static boolean keepsPreviousOwner(Map<String, CatalogEntry> previous, Claim claim) {
    CatalogEntry before = previous.get(claim.name());
    return before != null && before.upstream() == claim.upstream() && before.originalName().equals(claim.original());
  }

  private void add(Map<String, CatalogEntry> result, Map<Claim, CatalogEntry> placed, Claim claim, ListKind kind) {
    String what = kind == ListKind.TOOLS ? "tool" : "prompt";
    String name = claim.name();
    Upstream upstream = claim.upstream();
    if (ToolNames.isMetaName(name)) {
      LOG.warn("{} '{}' of upstream '{}' is skipped: the {}{} namespace is the hub's own", what, name, upstream.name(),
          ToolNames.META_NAMESPACE, ToolNames.SEPARATOR);
      return;
    }
    CatalogEntry holder = result.get(name);
    if (holder != null && (upstream.config().keepsOwnNames() || holder.upstream().config().keepsOwnNames())) {
      LOG.warn("{} name collision: '{}' of upstream '{}' is skipped, upstream '{}' already lists '{}'", what,
          claim.original(), upstream.name(), holder.upstream().name(), name);
      return;
    }
    for (int n = 2; result.containsKey(name); n++) {
      name = ToolNames.withSuffix(claim.name(), n);
      LOG.warn("{} name collision: '{}' of upstream '{}' is listed as '{}'", what, claim.original(), upstream.name(), name);
    }
    CatalogEntry entry = kind == ListKind.TOOLS ? toolEntry(claim, name) : new CatalogEntry(name, upstream, claim.original(),
        Taxonomy.OTHER, CategoryReason.of(CategoryReason.NONE), claim.item().copy().put("name", name));
    result.put(name, entry);
    placed.put(claim, entry);
  }

  private boolean rebuildResources() {
    Map<String, Upstream> owners = new HashMap<>();
    List<JsonObject> newResources = new ArrayList<>();
    List<JsonObject> newTemplates = new ArrayList<>();
    List<TemplateRoute> routes = new ArrayList<>();
    for (Upstream upstream : upstreams) {
      for (JsonObject resource : upstream.catalog().list(ListKind.RESOURCES)) {
        String uri = resource.getString("uri");
        if (uri != null && owners.putIfAbsent(uri, upstream) == null) {
          newResources.add(resource);
        } else if (uri != null) {
          LOG.warn("resource '{}' of upstream '{}' is also offered by '{}'; the first is kept", uri, upstream.name(),
              owners.get(uri).name());
        }
      }
      for (JsonObject template : upstream.catalog().list(ListKind.RESOURCE_TEMPLATES)) {
        String uriTemplate = template.getString("uriTemplate");
        if (uriTemplate != null) {
          newTemplates.add(template);
          routes.add(new TemplateRoute(UriTemplates.toPattern(uriTemplate), upstream, template));
        }
      }
    }
    boolean changed = !newResources.equals(resources) || !newTemplates.equals(templates);
    resourceOwners = owners;
    resources = List.copyOf(newResources);
    templates = List.copyOf(newTemplates);
    templateRoutes = List.copyOf(routes);
    return changed;
  }

  private static boolean definitionsEqual(Map<String, CatalogEntry> a, Map<String, CatalogEntry> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, CatalogEntry> entry : a.entrySet()) {
      CatalogEntry other = b.get(entry.getKey());
      if (other == null || !other.definition().equals(entry.getValue().definition())) {
        return false;
      }
    }
    return true;
  }
}
