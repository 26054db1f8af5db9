package io.mcphub.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.ChildProcesses;
import io.mcphub.gateway.support.ProcessOutput;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official TypeScript SDK v2 client ({@code @modelcontextprotocol/client}, pinned in {@code src/test/conformance})
 * against a hub in prompt-based mode fronting our stdio fixture: {@code sdk2-client.mjs} runs the whole selection flow
 * as a user's client would and prints a JSON summary, which these tests assert on. Pinned to 2026-07-28 it gets the
 * sessionless path (tools/list from the config alone, the selection in-band through {@code hub__call_tool} with the
 * {@code exposureId}, and a view URL whose list is the selection); with the SDK's default negotiation it gets a 2025
 * session whose own tools/list grows after the analysis.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TypeScriptSdk2ClientTest {

  private static final Path SCRIPT = Path.of("src/test/conformance/sdk2-client.mjs").toAbsolutePath();
  private static final Path CLIENT_PACKAGE = Path.of("src/test/conformance/node_modules/@modelcontextprotocol/client");
  private static final String PROMPT = "Remember that I like oolong tea";
  private static final String TOOL = "fx__echo";
  private static final String ARGUMENT = "sdk2-echo-marker";
  private static final long RUN_TIMEOUT_MS = 60_000;

  @Test
  void pinnedTo20260728ItAnalyzesCallsTheSelectionThroughHubCallToolAndOpensTheViewUrl() throws Exception {
    try (TestHub hub = TestHub.start(promptBasedConfig())) {
      JsonObject summary = run(hub, "modern");

      assertThat(summary.getString("protocolVersion")).isEqualTo("2026-07-28");
      assertThat(names(summary.getJsonArray("tools"))).as("a config-only list: the meta tools, no selection yet")
          .isNotEmpty().allMatch(name -> name.startsWith("hub__")).contains("hub__analyze_prompt", "hub__call_tool");
      JsonObject analyze = summary.getJsonObject("analyze");
      assertThat(analyze.getString("exposureId")).isNotBlank();
      List<String> selected = names(analyze.getJsonArray("selected"));
      assertThat(selected).contains(TOOL);
      assertThat(summary.getJsonObject("call").getString("text")).contains(ARGUMENT);

      JsonObject view = summary.getJsonObject("view");
      assertThat(view.getString("url")).isEqualTo(hub.mcpUrl() + "/views/" + analyze.getString("exposureId"));
      assertThat(view.getString("protocolVersion")).isEqualTo("2026-07-28");
      assertThat(names(view.getJsonArray("tools")).stream().filter(name -> !name.startsWith("hub__")))
          .as("the view lists exactly the selection, besides the meta tools").containsExactlyInAnyOrderElementsOf(selected);
      assertThat(view.getJsonObject("call").getString("text")).contains(ARGUMENT);
    }
  }

  @Test
  void withItsDefaultLegacyNegotiationItGetsA2025SessionWhoseListGrowsAfterTheAnalysis() throws Exception {
    try (TestHub hub = TestHub.start(promptBasedConfig())) {
      JsonObject summary = run(hub, "legacy");

      assertThat(summary.getString("protocolVersion")).isEqualTo("2025-11-25");
      assertThat(names(summary.getJsonArray("tools"))).doesNotContain(TOOL);
      assertThat(names(summary.getJsonObject("analyze").getJsonArray("selected"))).contains(TOOL);
      assertThat(names(summary.getJsonArray("listedAfter"))).contains(TOOL);
      assertThat(summary.getJsonObject("call").getString("text")).contains(ARGUMENT);
    }
  }

  /** Prompt-based filtering with the heuristic categorizer; the fixture's tools are all "memory" tools. */
  private static JsonObject promptBasedConfig() {
    return TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx").put("category", "memory")))
        .put("toolFiltering", new JsonObject().put("mode", "prompt-based"));
  }

  /** Runs {@code sdk2-client.mjs} against the hub and returns its summary; fails with its output if it failed. */
  private static JsonObject run(TestHub hub, String era) throws Exception {
    assertThat(CLIENT_PACKAGE).as("run `npm ci` in gateway/src/test/conformance (.ci/run does)").exists();
    Process process = new ProcessBuilder(List.of("node", SCRIPT.toString(), "--url", hub.mcpUrl(), "--era", era,
        "--prompt", PROMPT, "--tool", TOOL, "--arguments", new JsonObject().put("text", ARGUMENT).encode()))
        .redirectErrorStream(true).start();
    ProcessOutput output = ProcessOutput.drain(process.getInputStream(), "sdk2-client");
    try {
      assertThat(process.waitFor(RUN_TIMEOUT_MS, TimeUnit.MILLISECONDS)).as("sdk2-client.mjs finished").isTrue();
    } finally {
      ChildProcesses.stop(process);
    }
    String text = output.awaitEnd(RUN_TIMEOUT_MS);
    assertThat(process.exitValue()).as(text).isZero();
    List<String> lines = text.lines().toList();
    return new JsonObject(lines.get(lines.size() - 1));
  }

  private static List<String> names(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
