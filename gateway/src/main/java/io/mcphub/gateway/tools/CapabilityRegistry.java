package io.mcphub.gateway.tools;

import io.mcphub.gateway.upstream.ListKind;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
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

  private record TemplateRoute(Pattern pattern, Upstream upstream) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(CapabilityRegistry.class);

  private final List<Upstream> upstreams;
  private ToolCategorizer toolCategorizer;
  private Map<String, CatalogEntry> tools = Map.of();
  private Map<String, CatalogEntry> prompts = Map.of();
  private Map<String, Upstream> resourceOwners = Map.of();
  private List<JsonObject> resources = List.of();
  private List<JsonObject> templates = List.of();
  private List<TemplateRoute> templateRoutes = List.of();

  public CapabilityRegistry(List<Upstream> upstreams, ToolCategorizer toolCategorizer) {
    this.upstreams = upstreams;
    this.toolCategorizer = toolCategorizer;
  }

  /** Rebuilds the merged view; returns the kinds whose merged list changed. */
  public Set<ListKind> rebuild() {
    Set<ListKind> changed = EnumSet.noneOf(ListKind.class);
    Map<String, CatalogEntry> newTools = entries(ListKind.TOOLS, "tool");
    if (!definitionsEqual(tools, newTools)) {
      changed.add(ListKind.TOOLS);
    }
    Map<String, CatalogEntry> newPrompts = entries(ListKind.PROMPTS, "prompt");
    if (!definitionsEqual(prompts, newPrompts)) {
      changed.add(ListKind.PROMPTS);
    }
    tools = newTools;
    prompts = newPrompts;
    if (rebuildResources()) {
      changed.add(ListKind.RESOURCES);
    }
    return changed;
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
   * The configured upstream whose namespace {@code name} is in ({@code <server>__…}), whether or not it lists such a
   * tool right now (it may be restarting); the longest matching prefix wins. Null when no configured server owns it.
   */
  public Upstream namespaceOwner(String name) {
    Upstream owner = null;
    int longest = -1;
    for (Upstream upstream : upstreams) {
      String prefix = ToolNames.serverId(upstream.name()) + ToolNames.SEPARATOR;
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

  private Map<String, CatalogEntry> entries(ListKind kind, String what) {
    Map<String, CatalogEntry> result = new LinkedHashMap<>();
    for (Upstream upstream : upstreams) {
      String serverId = ToolNames.serverId(upstream.name());
      for (JsonObject item : upstream.catalog().list(kind)) {
        String original = item.getString("name");
        if (original == null) {
          continue;
        }
        String name = ToolNames.namespaced(serverId, original);
        for (int n = 2; result.containsKey(name); n++) {
          name = ToolNames.withSuffix(ToolNames.namespaced(serverId, original), n);
          LOG.warn("{} name collision: '{}' of upstream '{}' is listed as '{}'", what, original, upstream.name(), name);
        }
        JsonObject definition = item.copy().put("name", name);
        String category = "other";
        if (kind == ListKind.TOOLS) {
          category = toolCategorizer.categorize(upstream.name(), name, item);
          JsonObject meta = definition.getValue("_meta") instanceof JsonObject existing ? existing : new JsonObject();
          definition.put("_meta", meta.put(CatalogEntry.CATEGORY_META, category));
        }
        result.put(name, new CatalogEntry(name, upstream, original, category, definition));
      }
    }
    return Collections.unmodifiableMap(result);
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
          routes.add(new TemplateRoute(UriTemplates.toPattern(uriTemplate), upstream));
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
