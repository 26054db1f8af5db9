package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.gateway.config.ConfigException;
import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Categorizer plugins loaded from {@code --plugins}: the README's example is compiled into a jar and answers
 * prompts; duplicate names stop the start; a plugin that fails to start shows in /health and the hub runs on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginTest {

  private static final Path EXAMPLE = Path.of("../examples/categorizer-plugin/src/main").toAbsolutePath().normalize();
  private static final String SERVICE = "META-INF/services/io.mcphub.categorizer.CategorizerFactory";

  private static JsonObject config(String provider, boolean fallback) {
    return TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "development")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based").put("llmCategorization", new JsonObject()
            .put("enabled", true).put("provider", provider).put("fallbackToHeuristic", fallback)));
  }

  @Test
  void theReadmeExampleBuiltIntoAJarAnswersPrompts(@TempDir Path work) throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    String source = Files.readString(EXAMPLE.resolve("java/com/example/categorizer/NameMatchCategorizerFactory.java"));
    buildJar(work.resolve("example"), plugins.resolve("name-match.jar"),
        Map.of("com/example/categorizer/NameMatchCategorizerFactory.java", source),
        Files.readString(EXAMPLE.resolve("resources/" + SERVICE)));
    assertThat(Files.readString(Path.of("../README.md"))).as("the README shows the example as it is built")
        .contains(source.strip());

    try (TestHub hub = TestHub.start(config("name-match", false), System::getenv, plugins);
        McpSyncClient client = hub.client()) {
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "I need development tools")));
      @SuppressWarnings("unchecked")
      Map<String, Object> analysis = (Map<String, Object>) result.structuredContent();
      assertThat(analysis).containsEntry("source", "name-match").containsEntry("exposedCategories", List.of("development"));
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("fx__echo");
    }
  }

  @Test
  void twoCategorizersWithOneNameStopTheStartNamingBoth(@TempDir Path work) throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    buildJar(work.resolve("clone"), plugins.resolve("clone.jar"),
        Map.of("clone/CloneFactory.java", factorySource("clone", "CloneFactory", "heuristic", "return request -> null;")),
        "clone.CloneFactory");
    assertThatThrownBy(() -> TestHub.start(config("heuristic", true), System::getenv, plugins))
        .rootCause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("categorizer name \"heuristic\" is provided more than once")
        .hasMessageContaining("clone.CloneFactory in clone.jar")
        .hasMessageContaining("io.mcphub.categorizer.heuristic.HeuristicCategorizerFactory");
  }

  @Test
  void aPluginThatFailsToStartShowsInHealthAndTheHeuristicTakesOver(@TempDir Path work) throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    buildJar(work.resolve("broken"), plugins.resolve("broken.jar"),
        Map.of("broken/BrokenFactory.java", factorySource("broken", "BrokenFactory", "broken",
            "throw new io.mcphub.categorizer.CategorizerException(503, \"no API key configured\");")),
        "broken.BrokenFactory");
    try (TestHub hub = TestHub.start(config("broken", true), System::getenv, plugins);
        McpSyncClient client = hub.client()) {
      var health = new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of());
      assertThat(health.statusCode()).as("degraded, still serving: the heuristic answers").isEqualTo(200);
      assertThat(health.body()).contains("categorizer:broken").contains("no API key configured").contains("\"answeredBy\":\"heuristic\"");
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("hub__analyze_prompt",
          Map.of("prompt", "Run the unit tests with npm test")));
      @SuppressWarnings("unchecked")
      Map<String, Object> analysis = (Map<String, Object>) result.structuredContent();
      assertThat(analysis).containsEntry("source", "heuristic").containsEntry("exposedCategories", List.of("development"));
    }
  }

  private static String factorySource(String pkg, String type, String name, String create) {
    return "package " + pkg + ";\n"
        + "public final class " + type + " implements io.mcphub.categorizer.CategorizerFactory {\n"
        + "  public String name() { return \"" + name + "\"; }\n"
        + "  public io.mcphub.categorizer.Categorizer create(io.vertx.core.Vertx vertx, io.vertx.core.json.JsonObject config) {\n"
        + "    " + create + "\n  }\n}\n";
  }

  /** Compiles {@code sources} against the test class path and packs them with their service file into {@code jar}. */
  private static void buildJar(Path work, Path jar, Map<String, String> sources, String service) throws IOException {
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> files = new java.util.ArrayList<>();
    for (Map.Entry<String, String> entry : sources.entrySet()) {
      Path file = src.resolve(entry.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, entry.getValue());
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-cp", classpath, "-d", classes.toString()));
    args.addAll(files);
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
    Path services = classes.resolve(SERVICE);
    Files.createDirectories(services.getParent());
    Files.writeString(services, service.strip() + "\n");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
    }
    assertThat(Files.size(jar)).isPositive();
    assertThat(new String(Files.readAllBytes(services), StandardCharsets.UTF_8)).isNotBlank();
  }
}
