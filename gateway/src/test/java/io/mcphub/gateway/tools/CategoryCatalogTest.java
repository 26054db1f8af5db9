package io.mcphub.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.gateway.config.IsolationOptions;
import io.mcphub.gateway.config.ServerConfig;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.config.TransportType;
import io.mcphub.gateway.upstream.Upstream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The categories categorizers are asked about: non-empty ones only, described by their servers, within the budget. */
class CategoryCatalogTest {

  private final Map<String, String> said = new HashMap<>();

  /** A server (never started) and what it says of itself. */
  private Upstream server(String name, String title, String instructions) {
    said.put(name, instructions.isEmpty() ? title : title + ": " + instructions);
    ServerConfig config = new ServerConfig(name, TransportType.STDIO, false, "true", List.of(), Map.of(), null, null, Map.of(),
        false, null, 1_000, 1_000, new IsolationOptions(false, 1, 1_000), name, ServerConfig.Protocol.AUTO);
    return new Upstream(null, config, null, null, null);
  }

  private CategoryCatalog catalog(List<CatalogEntry> tools) {
    return CategoryCatalog.of(tools, Taxonomy.DEFAULT, server -> said.get(server.name()));
  }

  private static CatalogEntry tool(Upstream server, String name, String category) {
    String namespaced = server.name() + "__" + name;
    return new CatalogEntry(namespaced, server, name, category, new JsonObject().put("name", namespaced));
  }

  @Test
  void onlyCategoriesWithToolsAreOfferedAndDerivedOnesAreDescribedByTheirServer() {
    Upstream trains = server("trains", "Rail Europe", "Finds and books train tickets between European cities.");
    Upstream files = server("files", "Files", "");
    List<CatalogEntry> tools = List.of(tool(trains, "search_trips", "trains"), tool(trains, "book_seat", "trains"),
        tool(files, "read_file", "filesystem"), tool(files, "mystery", Taxonomy.OTHER));
    CategoryCatalog catalog = catalog(tools);
    assertThat(catalog.definitions()).extracting(CategoryDefinition::name).containsExactly("filesystem", "trains");
    CategoryDefinition derived = catalog.definitions().get(1);
    assertThat(derived.description()).isEqualTo("Rail Europe: Finds and books train tickets between European cities.");
    assertThat(derived.tools()).containsExactly("trains__search_trips", "trains__book_seat");
    assertThat(derived.toolCount()).isEqualTo(2);
    assertThat(catalog.definitions().get(0).description()).as("a configured category keeps its description")
        .isEqualTo(Taxonomy.DEFAULT.get(0).description());
    assertThat(catalog.holds("web")).isFalse();
    assertThat(catalog.holds(Taxonomy.OTHER)).as("other is never offered").isFalse();
  }

  @Test
  void aSampleTakesFromEveryServerInTurn() {
    Upstream a = server("a", "A", "");
    Upstream b = server("b", "B", "");
    List<CatalogEntry> tools = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tools.add(tool(a, "read_file_" + i, "filesystem"));
    }
    tools.add(tool(b, "read_file", "filesystem"));
    assertThat(CategoryCatalog.sample(tools, 3)).containsExactly("a__read_file_0", "b__read_file", "a__read_file_1");
  }

  @Test
  void aTwoThousandToolCatalogOfAHundredServersStaysWithinTheBudget() {
    List<CatalogEntry> tools = new ArrayList<>();
    for (int s = 0; s < 100; s++) {
      Upstream server = server(String.format(Locale.ROOT, "server-number-%03d", s), "Server " + s + " of a large deployment",
          "This server does many things. ".repeat(100));
      for (int t = 0; t < 20; t++) {
        String category = t < 5 ? Taxonomy.DEFAULT.get(t % 10).name() : server.name();
        tools.add(tool(server, "a_rather_long_tool_name_number_" + t, category));
      }
    }
    CategoryCatalog catalog = catalog(tools);
    JsonArray sent = new JsonArray();
    catalog.definitions().forEach(definition -> sent.add(definition.toJson()));
    assertThat(sent.encode().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CategoryCatalog.MAX_BYTES);
    assertThat(CategoryCatalog.bytes(catalog.definitions())).isEqualTo(sent.encode().getBytes(StandardCharsets.UTF_8).length);
    assertThat(catalog.definitions()).as("every category still offered, with a sample").hasSize(105)
        .allSatisfy(definition -> assertThat(definition.tools()).isNotEmpty());
    assertThat(catalog.toolCounts()).hasSize(105);
  }

  @Test
  void whenEvenTheSmallestFormDoesNotFitTheSmallestCategoriesAreLeftOut() {
    List<CatalogEntry> tools = new ArrayList<>();
    for (int s = 0; s < 400; s++) {
      Upstream server = server("a-server-with-a-really-quite-long-name-" + s, "T", "x ".repeat(100));
      for (int t = 0; t <= s % 3; t++) {
        tools.add(tool(server, "tool_" + t, server.name()));
      }
    }
    CategoryCatalog catalog = catalog(tools);
    assertThat(CategoryCatalog.bytes(catalog.definitions())).isLessThanOrEqualTo(CategoryCatalog.MAX_BYTES);
    assertThat(catalog.definitions()).hasSizeLessThanOrEqualTo(CategoryCatalog.MAX_CATEGORIES)
        .allSatisfy(definition -> assertThat(definition.toolCount()).isEqualTo(3));
  }
}
