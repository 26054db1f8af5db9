package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class ConfigLoaderTest {

  @Test
  void laterFilesReplaceWholeServerEntriesAndTopLevelKeys(Vertx vertx, VertxTestContext test, @TempDir Path dir)
      throws Exception {
    Path base = Files.writeString(dir.resolve("base.json"), """
        {"hub": {"port": 7100}, "mcpServers": {
          "a": {"command": "one", "env": {"KEEP": "no"}},
          "b": {"command": "two"}}}""");
    Path override = Files.writeString(dir.resolve("override.json"), """
        {"hub": {"host": "0.0.0.0"}, "mcpServers": {"a": {"command": "three"}}}""");
    new ConfigLoader(vertx, name -> null).load(List.of(base, override)).onComplete(test.succeeding(config -> test.verify(() -> {
      assertThat(config.servers().get("a").command()).isEqualTo("three");
      assertThat(config.servers().get("a").env()).isEmpty();
      assertThat(config.servers().get("b").command()).isEqualTo("two");
      assertThat(config.hub().host()).isEqualTo("0.0.0.0");
      assertThat(config.hub().port()).isEqualTo(7000);
      test.completeNow();
    })));
  }

  @Test
  void theShippedConfigsLoad(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
    ConfigLoader loader = new ConfigLoader(vertx, name -> switch (name) {
      case "XDG_STATE_HOME", HubPaths.WORKSPACE_VARIABLE -> dir.resolve(name).toString();
      default -> name.endsWith("_API_KEY") || name.endsWith("_TOKEN") ? "dummy" : null;
    });
    loader.load(List.of(Path.of("../conf/mcp-servers.json"))).compose(defaults -> {
      test.verify(() -> {
        assertThat(defaults.filteringMode()).isEqualTo(FilteringMode.PROMPT_BASED);
        assertThat(defaults.filtering().llm().provider()).isEqualTo("heuristic");
        assertThat(defaults.servers()).containsOnlyKeys("filesystem", "memory");
        assertThat(defaults.warnings()).isEmpty();
      });
      return loader.load(List.of(Path.of("../conf/examples/mcp-servers.gemini.json")));
    }).compose(gemini -> {
      test.verify(() -> {
        assertThat(gemini.filtering().llm().provider()).isEqualTo("gemini");
        assertThat(gemini.filtering().llm().config().getString("apiKey")).isEqualTo("dummy");
        assertThat(gemini.warnings()).isEmpty();
      });
      return loader.load(List.of(Path.of("../conf/mcp-servers.staging.json")));
    }).onComplete(test.succeeding(staging -> test.verify(() -> {
      assertThat(staging.filteringMode()).isEqualTo(FilteringMode.PROMPT_BASED);
      assertThat(staging.warnings()).isEmpty();
      assertThat(staging.filtering().defaultExposure()).isEqualTo(FilteringOptions.DefaultExposure.META_ONLY);
      assertThat(staging.filtering().sessionIsolation()).isTrue();
      assertThat(staging.filtering().llm().provider()).isEqualTo("gemini");
      assertThat(staging.filtering().llm().confidenceThreshold()).isEqualTo(0.7);
      assertThat(staging.pool()).isEqualTo(new PoolOptions(true, 60_000, 50));
      assertThat(staging.servers().get("github").env()).containsEntry("GITHUB_PERSONAL_ACCESS_TOKEN", "dummy");
      assertThat(staging.servers().get("filesystem").args()).contains("/tmp/mcp-staging");
      test.completeNow();
    })));
  }

  @Test
  void aMissingFileAndInvalidJsonAreNamedProblems(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"mcpServers\": {");
    ConfigLoader loader = new ConfigLoader(vertx, name -> null);
    loader.load(List.of(dir.resolve("absent.json"))).onComplete(test.failing(missing -> test.verify(() -> {
      assertThat(((ConfigException) missing).problems()).containsExactly(dir.resolve("absent.json") + ": config file not found");
      loader.load(List.of(Path.of("no-such-dir/hub.json"))).onComplete(test.failing(relative -> test.verify(() -> {
        // a relative path says where it was looked for and how to name another file
        assertThat(((ConfigException) relative).problems().get(0)).startsWith("no-such-dir/hub.json: config file not found (relative to ")
            .endsWith("; pass --config PATH or set MCP_HUB_CONFIG)");
        loader.load(List.of(broken)).onComplete(test.failing(invalid -> test.verify(() -> {
          assertThat(((ConfigException) invalid).problems().get(0)).startsWith(broken + ": line 1, column ").contains(": not valid JSON: ");
          test.completeNow();
        })));
      })));
    })));
  }

  @Test
  void aSyntaxErrorNamesTheFileLineAndColumn(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("hub.json"), """
        {
          "mcpServers": {
            "a": {"command": "x",}
          }
        }
        """);
    new ConfigLoader(vertx, name -> null).load(List.of(file)).onComplete(test.failing(error -> test.verify(() -> {
      String problem = ((ConfigException) error).problems().get(0);
      assertThat(problem).startsWith(file + ": line 3, column 26: not valid JSON: ")
          .contains("was expecting double-quote to start field name").doesNotContain("Source");
      test.completeNow();
    })));
  }
}
