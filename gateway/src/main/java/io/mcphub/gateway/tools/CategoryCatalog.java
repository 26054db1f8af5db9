package io.mcphub.gateway.tools;

import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The deployment's categories as categorizers are asked about them: every category that holds at least one upstream
 * tool ({@code other} excepted: it is never exposed), with its description, how many tools it holds and a sample of
 * their names. A configured category keeps its configured description; any other (derived from a server, or named by a
 * server entry or a mapping) is described by its servers: {@code serverInfo} title and description, else the start of
 * their {@code instructions}.
 *
 * <p>The size budget is enforced here and only here: the {@code categories} of one request encode to at most
 * {@value #MAX_BYTES} bytes of JSON, and list at most {@value #MAX_CATEGORIES} categories, however large the catalog.
 * Descriptions start at {@value #MAX_DESCRIPTION_CHARS} characters and samples at {@value #MAX_SAMPLE} names; when the
 * whole does not fit, every category's description and sample shrink together, the same for all (down to one name and
 * no description, then nothing but the name and the count); only when even that does not fit are categories left out, those with the fewest tools first, configured ones last (their tools are still
 * found by the tool index).
 * Immutable.
 */
public final class CategoryCatalog {

  /** The most bytes the {@code categories} array of one request may take. */
  public static final int MAX_BYTES = 24 * 1024;
  /** The most categories one request offers. */
  public static final int MAX_CATEGORIES = 128;
  static final int MAX_DESCRIPTION_CHARS = 200;
  static final int MAX_SAMPLE = 8;
  /** How much of what a server says of itself is kept: the start says what it is for. */
  static final int MAX_SERVER_TEXT_CHARS = 600;
  /** The forms tried in turn, {description characters, sample names}: both shrink together, a sample name goes last. */
  private static final int[][] FORMS = {{MAX_DESCRIPTION_CHARS, MAX_SAMPLE}, {160, 6}, {120, 5}, {100, 4}, {80, 3}, {60, 2},
      {40, 2}, {40, 1}, {0, 1}, {0, 0}};

  public static final CategoryCatalog EMPTY = new CategoryCatalog(List.of(), Map.of());

  /** A non-empty category: its name, description, size and the largest sample it may send. */
  private record Group(String name, String description, int size, List<String> sample) {
  }

  private final List<CategoryDefinition> definitions;
  private final Map<String, Integer> toolCounts;

  private CategoryCatalog(List<CategoryDefinition> definitions, Map<String, Integer> toolCounts) {
    this.definitions = List.copyOf(definitions);
    this.toolCounts = Map.copyOf(toolCounts);
  }

  /** The categories of {@code tools}, configured ones described by {@code taxonomy}, the others by their servers. */
  public static CategoryCatalog of(Iterable<CatalogEntry> tools, List<FilteringOptions.CategoryOption> taxonomy) {
    return of(tools, taxonomy, CategoryCatalog::serverText);
  }

  /** As {@link #of(Iterable, List)}, with what each server says of itself given by {@code serverText}. */
  static CategoryCatalog of(Iterable<CatalogEntry> tools, List<FilteringOptions.CategoryOption> taxonomy,
      Function<Upstream, String> serverText) {
    Map<String, List<CatalogEntry>> byCategory = new LinkedHashMap<>();
    taxonomy.forEach(category -> byCategory.put(category.name(), new ArrayList<>()));
    tools.forEach(tool -> byCategory.computeIfAbsent(tool.category(), c -> new ArrayList<>()).add(tool));
    Map<String, String> configured = new LinkedHashMap<>();
    taxonomy.forEach(category -> configured.put(category.name(), category.description()));
    List<Group> groups = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    byCategory.forEach((name, members) -> {
      if (!members.isEmpty() && !Taxonomy.OTHER.equals(name) && !Taxonomy.META.equals(name)) {
        String description = configured.containsKey(name) ? configured.get(name) : describe(members, serverText);
        groups.add(new Group(name, description, members.size(), sample(members, MAX_SAMPLE)));
        counts.put(name, members.size());
      }
    });
    return new CategoryCatalog(fit(groups, configured.keySet()), counts);
  }

  /** The definitions to send, within the budget; empty when no upstream tool is listed. */
  public List<CategoryDefinition> definitions() {
    return definitions;
  }

  /** How many tools each non-empty category holds (all of them, whether or not the budget let them be sent). */
  public Map<String, Integer> toolCounts() {
    return toolCounts;
  }

  /** True when {@code category} holds at least one tool. */
  public boolean holds(String category) {
    return toolCounts.containsKey(category);
  }

  /** What a category's servers say of themselves, one after the other (see {@link #serverText}). */
  private static String describe(List<CatalogEntry> tools, Function<Upstream, String> serverText) {
    Set<Upstream> servers = new LinkedHashSet<>();
    tools.forEach(tool -> servers.add(tool.upstream()));
    List<String> parts = new ArrayList<>();
    servers.forEach(server -> parts.add(serverText.apply(server)));
    return String.join("; ", parts);
  }

  /**
   * What a server says of itself: its {@code serverInfo} title (else its config name), then its {@code serverInfo}
   * description, else its {@code instructions}, whitespace collapsed: {@code "Google Maps: Geocoding, place search…"}.
   */
  public static String serverText(Upstream server) {
    JsonObject info = server.catalog().serverInfo();
    String title = info.getValue("title") instanceof String t && !t.isBlank() ? t.strip() : server.name();
    String said = info.getValue("description") instanceof String d && !d.isBlank() ? d : server.catalog().instructions();
    return said.isBlank() ? title : title + ": " + cut(said.strip().replaceAll("\\s+", " "), MAX_SERVER_TEXT_CHARS);
  }

  private static List<CategoryDefinition> fit(List<Group> groups, Set<String> configured) {
    List<Group> kept = new ArrayList<>(groups);
    kept.sort(Comparator.comparing((Group g) -> !configured.contains(g.name()))
        .thenComparing(Comparator.comparingInt(Group::size).reversed()).thenComparing(Group::name));
    if (kept.size() > MAX_CATEGORIES) {
      kept = new ArrayList<>(kept.subList(0, MAX_CATEGORIES));
    }
    List<Group> candidates = kept;
    int low = 0;
    int high = FORMS.length - 1;
    while (low < high) {
      int middle = (low + high) / 2;
      if (bytes(definitions(candidates, FORMS[middle])) <= MAX_BYTES) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    List<CategoryDefinition> smallest = definitions(candidates, FORMS[low]);
    if (bytes(smallest) <= MAX_BYTES) {
      return inOrder(smallest, groups);
    }
    List<CategoryDefinition> fitting = new ArrayList<>(smallest);
    int size = bytes(fitting);
    while (!fitting.isEmpty() && size > MAX_BYTES) {
      size -= bytes(List.of(fitting.remove(fitting.size() - 1))) - 1;
    }
    return inOrder(fitting, groups);
  }

  private static List<CategoryDefinition> inOrder(List<CategoryDefinition> definitions, List<Group> groups) {
    List<String> order = groups.stream().map(Group::name).toList();
    List<CategoryDefinition> sorted = new ArrayList<>(definitions);
    sorted.sort(Comparator.comparingInt(d -> order.indexOf(d.name())));
    return sorted;
  }

  /** Every group in one form: {description characters, sample names}. */
  private static List<CategoryDefinition> definitions(List<Group> groups, int[] form) {
    return groups.stream().map(group -> new CategoryDefinition(group.name(), cut(group.description(), form[0]),
        group.sample().subList(0, Math.min(form[1], group.sample().size())), group.size())).toList();
  }

  /** Up to {@code size} tool names, taking from each server in turn so that one large server does not fill the sample. */
  static List<String> sample(List<CatalogEntry> tools, int size) {
    Map<Upstream, List<CatalogEntry>> byServer = new LinkedHashMap<>();
    tools.forEach(tool -> byServer.computeIfAbsent(tool.upstream(), s -> new ArrayList<>()).add(tool));
    List<String> names = new ArrayList<>();
    for (int round = 0; names.size() < size && names.size() < tools.size(); round++) {
      for (List<CatalogEntry> serverTools : byServer.values()) {
        if (round < serverTools.size() && names.size() < size) {
          names.add(serverTools.get(round).name());
        }
      }
    }
    return names;
  }

  /** The first {@code max} characters, cut at a word boundary with an ellipsis. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    if (max <= 1) {
      return "";
    }
    int end = text.lastIndexOf(' ', max - 1);
    return text.substring(0, end > max / 2 ? end : max - 1).stripTrailing() + "…";
  }

  /** The size of the encoded JSON array of {@code definitions}. */
  static int bytes(List<CategoryDefinition> definitions) {
    int size = 2 + Math.max(0, definitions.size() - 1);
    for (CategoryDefinition definition : definitions) {
      size += definition.toJson().encode().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }
}
