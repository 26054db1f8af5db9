package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

  private final Map<String, String> env = Map.of("TOKEN", "t0k", "HOST", "api.example.org");
  private final ConfigParser parser = new ConfigParser(env::get);

  @Test
  void anMcpHubStyleFileParsesWithDefaults() {
    HubConfig config = parser.parse(new JsonObject("""
        {"mcpServers": {
          "files": {"command": "npx", "args": ["-y", "server"], "env": {"KEY": "${TOKEN}"}, "note": "ignored"},
          "remote": {"url": "https://${HOST}/mcp", "headers": {"Authorization": "Bearer ${env:TOKEN}"}, "timeout": 5000},
          "legacy": {"url": "http://127.0.0.1:9/sse", "type": "sse", "disabled": true, "category": "web"}
        }, "comment": "unknown keys are ignored"}"""));
    assertThat(config.hub().host()).isEqualTo("127.0.0.1");
    assertThat(config.hub().port()).isEqualTo(7000);
    assertThat(config.filteringMode()).isEqualTo(FilteringMode.STATIC);
    ServerConfig files = config.servers().get("files");
    assertThat(files.type()).isEqualTo(TransportType.STDIO);
    assertThat(files.env()).containsEntry("KEY", "t0k");
    assertThat(files.requestTimeoutMs()).isEqualTo(60_000);
    ServerConfig remote = config.servers().get("remote");
    assertThat(remote.type()).isEqualTo(TransportType.STREAMABLE_HTTP);
    assertThat(remote.explicitType()).isFalse();
    assertThat(remote.url()).isEqualTo("https://api.example.org/mcp");
    assertThat(remote.headers()).containsEntry("Authorization", "Bearer t0k");
    assertThat(remote.requestTimeoutMs()).isEqualTo(5_000);
    assertThat(config.servers().get("legacy").disabled()).isTrue();
    assertThat(config.servers().keySet()).containsExactly("files", "remote", "legacy");
  }

  @Test
  void vsCodeServersKeyAndHttpTypeAliasAreAccepted() {
    HubConfig config = parser.parse(new JsonObject("{\"servers\": {\"r\": {\"url\": \"http://127.0.0.1:1/mcp\", \"type\": \"http\"}}}"));
    assertThat(config.servers().get("r").type()).isEqualTo(TransportType.STREAMABLE_HTTP);
    assertThat(config.servers().get("r").explicitType()).isTrue();
  }

  @Test
  void aMissingVariableNamesTheFieldThatNeedsIt() {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject(
        "{\"mcpServers\": {\"github\": {\"command\": \"npx\", \"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"${GITHUB_PAT}\"}}}}")));
    assertThat(error.problems()).containsExactly(
        "mcpServers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN: environment variable GITHUB_PAT is not set (referenced as ${GITHUB_PAT})");
  }

  @Test
  void theClusterSectionIsOffByDefaultAndNamesItsBadKeys() {
    assertThat(parser.parse(new JsonObject("{}")).cluster()).isEqualTo(ClusterOptions.DISABLED);
    ClusterOptions cluster = parser.parse(new JsonObject("""
        {"cluster": {"enabled": true, "host": "127.0.0.1", "port": 5702, "members": ["127.0.0.1:5701", "127.0.0.1:5702"]}}
        """)).cluster();
    assertThat(cluster).isEqualTo(new ClusterOptions(true, "127.0.0.1", 5702, java.util.List.of("127.0.0.1:5701", "127.0.0.1:5702")));
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject("""
        {"cluster": {"enabled": "yes", "port": 0, "members": ["10.0.0.2", "h:99999", 7]}}""")));
    assertThat(error.problems()).containsExactlyInAnyOrder(
        "cluster.enabled: got \"yes\", expected true or false",
        "cluster.port: got 0, expected an integer from 1 to 65535",
        "cluster.members[0]: got \"10.0.0.2\", expected host:port (e.g. \"10.0.0.2:5701\")",
        "cluster.members[1]: got \"h:99999\", expected host:port (e.g. \"10.0.0.2:5701\")",
        "cluster.members[2]: got 7, expected a string");
  }

  @Test
  void everyProblemIsReportedWithItsPathValueAndWhatIsAllowed() {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject("""
        {"hub": {"port": "seven", "allowedOrigins": "http://x"},
         "toolFiltering": {"mode": "smart"},
         "mcpServers": {
           "both": {"command": "a", "url": "http://b"},
           "neither": {"args": []},
           "badtype": {"url": "http://127.0.0.1/mcp", "type": "grpc"},
           "badurl": {"url": "ftp://files"},
           "badargs": {"command": "x", "args": "--flag", "env": {"A": {"nested": true}}},
           "notobject": 42
         }}""")));
    assertThat(error.problems()).containsExactlyInAnyOrder(
        "hub.port: got \"seven\", expected an integer from 0 to 65535",
        "hub.allowedOrigins: got \"http://x\", expected an array of strings",
        "toolFiltering.mode: got \"smart\", expected one of static, server-allowlist, category, hybrid, prompt-based",
        "mcpServers.both: has both \"command\" and \"url\"; a server is either a process (command) or remote (url)",
        "mcpServers.neither: needs \"command\" (a process speaking MCP on stdio) or \"url\" (a remote MCP server)",
        "mcpServers.badtype.type: got \"grpc\", expected one of stdio, streamable-http, http, sse",
        "mcpServers.badurl.url: got \"ftp://files\", expected an http:// or https:// URL",
        "mcpServers.badargs.args: got \"--flag\", expected an array of strings",
        "mcpServers.badargs.env.A: got an object, expected a string",
        "mcpServers.notobject: got 42, expected an object with \"command\" or \"url\"");
  }

  @Test
  void toolFilteringEnumsNameTheirAllowedValuesAndAMissingOptionalKeyIsAWarning() {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject("""
        {"toolFiltering": {"mode": "prompt-based",
          "serverFilter": {"mode": "maybe"},
          "promptBasedFiltering": {"defaultExposure": "some", "exposureMode": "sideways"},
          "llmCategorization": {"enabled": true, "provider": "gemini", "confidenceThreshold": 1.5}}}""")));
    assertThat(error.problems()).containsExactlyInAnyOrder(
        "toolFiltering.serverFilter.mode: got \"maybe\", expected one of allowlist, denylist",
        "toolFiltering.promptBasedFiltering.defaultExposure: got \"some\", expected one of zero, meta-only, minimal, all",
        "toolFiltering.promptBasedFiltering.exposureMode: got \"sideways\", expected one of additive, replacement",
        "toolFiltering.llmCategorization.confidenceThreshold: got 1.5, expected a number from 0.0 to 1.0");

    HubConfig lenient = parser.parse(new JsonObject("""
        {"toolFiltering": {"mode": "prompt-based", "llmCategorization": {"enabled": true, "provider": "gemini",
          "apiKey": "${GEMINI_API_KEY}"}}}"""));
    assertThat(lenient.warnings()).singleElement().asString().contains("GEMINI_API_KEY").contains("heuristic");
    ConfigException strict = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject("""
        {"toolFiltering": {"mode": "prompt-based", "llmCategorization": {"enabled": true, "provider": "gemini",
          "apiKey": "${GEMINI_API_KEY}", "fallbackToHeuristic": false}}}""")));
    assertThat(strict.problems()).singleElement().asString().startsWith("toolFiltering.llmCategorization.apiKey");
  }

  @Test
  void filteringDisabledMeansStaticAndStaticIsAccepted() {
    assertThat(parser.parse(new JsonObject("{\"toolFiltering\": {\"enabled\": false, \"mode\": \"prompt-based\"}}"))
        .filteringMode()).isEqualTo(FilteringMode.STATIC);
    assertThat(parser.parse(new JsonObject("{\"toolFiltering\": {\"mode\": \"static\"}}")).filteringMode())
        .isEqualTo(FilteringMode.STATIC);
  }

  @Test
  void maxToolsCapsWhatOneAnalysisExposesAndMustBeAPositiveInteger() {
    assertThat(parser.parse(new JsonObject("{\"toolFiltering\": {\"mode\": \"prompt-based\"}}")).filtering().maxTools())
        .isEqualTo(FilteringOptions.DEFAULT_MAX_TOOLS);
    assertThat(parser.parse(new JsonObject("{\"toolFiltering\": {\"promptBasedFiltering\": {\"maxTools\": 7}}}")).filtering()
        .maxTools()).isEqualTo(7);
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject(
        "{\"toolFiltering\": {\"promptBasedFiltering\": {\"maxTools\": 0}}}")));
    assertThat(error.problems()).anySatisfy(problem -> assertThat(problem).contains("toolFiltering.promptBasedFiltering.maxTools")
        .contains("an integer from 1 to 500"));
  }

  @Test
  void namespaceKeepsTheServersOwnNamesOrSetsAPrefixAndDefaultsToTheServerName() {
    HubConfig config = parser.parse(new JsonObject("""
        {"mcpServers": {
          "my files": {"command": "a"},
          "plain": {"command": "b", "namespace": false},
          "custom": {"command": "c", "namespace": "gh"},
          "explicit": {"command": "d", "namespace": true}
        }}"""));
    assertThat(config.servers().get("my files").namespace()).isEqualTo("my_files");
    assertThat(config.servers().get("plain").namespace()).isNull();
    assertThat(config.servers().get("plain").keepsOwnNames()).isTrue();
    assertThat(config.servers().get("custom").namespace()).isEqualTo("gh");
    assertThat(config.servers().get("explicit").namespace()).isEqualTo("explicit");
  }

  @Test
  void aSharedPrefixTheHubsOwnOrAnInvalidOneIsRefusedNamingTheServersAndTheName() {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject("""
        {"mcpServers": {
          "github": {"command": "a"},
          "mirror": {"command": "b", "namespace": "github"},
          "meta": {"command": "c", "namespace": "hub"},
          "odd": {"command": "d", "namespace": "has space"},
          "number": {"command": "e", "namespace": 3}
        }}""")));
    assertThat(error.problems()).containsExactlyInAnyOrder(
        "mcpServers.mirror.namespace: \"github\" is also the namespace of server \"github\"; their tool and prompt names"
            + " would collide — set \"namespace\" to another prefix",
        "mcpServers.meta.namespace: \"hub\" is the hub's own (its meta tools are hub__*); choose another prefix",
        "mcpServers.odd.namespace: got \"has space\", expected false (keep the server's own names), true (the default: the"
            + " server's name) or a prefix of 1 to 64 characters of [A-Za-z0-9_-]",
        "mcpServers.number.namespace: got 3, expected false (keep the server's own names), true (the default: the"
            + " server's name) or a prefix of 1 to 64 characters of [A-Za-z0-9_-]");
  }

  @Test
  void protocolIsAutoByDefaultLegacyOnRequestAndAnythingElseIsRefused() {
    HubConfig config = parser.parse(new JsonObject("""
        {"mcpServers": {"a": {"url": "http://127.0.0.1:1/mcp"}, "b": {"url": "http://127.0.0.1:1/mcp", "protocol": "legacy"}}}"""));
    assertThat(config.servers().get("a").protocol()).isEqualTo(ServerConfig.Protocol.AUTO);
    assertThat(config.servers().get("b").protocol()).isEqualTo(ServerConfig.Protocol.LEGACY);
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject("""
        {"mcpServers": {"c": {"url": "http://127.0.0.1:1/mcp", "protocol": "2026"}}}""")));
    assertThat(error.problems()).containsExactly("mcpServers.c.protocol: got \"2026\", expected \"auto\" (speak 2026-07-28"
        + " to a server that serves it) or \"legacy\" (always a 2025 session)");
  }
}
