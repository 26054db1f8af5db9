package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Config mistakes are caught: unknown keys are warnings with their path and a suggestion, a lost server map is refused. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UnknownKeysTest {

  private final ConfigParser parser = new ConfigParser(name -> null);

  @Test
  void everyUnknownKeyIsOneWarningNamingItsPathAndTheClosestKnownKey() {
    HubConfig config = parser.parse(new JsonObject("""
        {"hub": {"prot": 7100, "auth": {"token": ["0123456789abcdef"]}},
         "connectionPool": {"keepAliveTimeOut": 5000},
         "toolFiltering": {"mode": "prompt-based", "promptBasedFiltering": {"maxtools": 5, "exposure": "all"},
           "categories": [{"name": "payments", "keywords": ["pay"], "keyword": "x"}],
           "llmCategorization": {"provider": "heuristic", "confidenceTreshold": 0.5}},
         "mcpServers": {"github": {"command": "npx", "arg": ["-y", "server"], "enviroment": {}, "retries": 3, "Cwd": "/tmp"}},
         "logging": {"level": "debug"}}"""));
    assertThat(config.warnings()).containsExactlyInAnyOrder(
        "hub.prot: unknown key; did you mean port?",
        "hub.auth.token: unknown key; did you mean tokens?",
        "connectionPool.keepAliveTimeOut: unknown key; did you mean keepAliveTimeout?",
        "toolFiltering.promptBasedFiltering.maxtools: unknown key; did you mean maxTools?",
        "toolFiltering.promptBasedFiltering.exposure: unknown key; did you mean exposureMode?",
        "toolFiltering.categories[0].keyword: unknown key; did you mean keywords?",
        "toolFiltering.llmCategorization.confidenceTreshold: unknown key; did you mean confidenceThreshold?",
        "mcpServers.github.arg: unknown key; did you mean args?",
        "mcpServers.github.enviroment: unknown key; did you mean env?",
        "mcpServers.github.retries: unknown key, ignored",
        "mcpServers.github.Cwd: unknown key; did you mean cwd?",
        "logging: unknown key, ignored");
  }

  @Test
  void keysMcpHubAndClaudeDesktopWriteAreAcceptedWithoutAWord() {
    HubConfig config = parser.parse(new JsonObject("""
        {"$schema": "https://example.org/schema.json", "comment": "mine", "inputs": [],
         "connectionPool": {"maxFreeConnections": 10, "pipelining": 0},
         "toolFiltering": {"autoEnableThreshold": 100, "promptBasedFiltering": {"enabled": true, "enableMetaTools": true},
           "llmCategorization": {"enabled": false, "provider": "heuristic", "temperature": 0.2}},
         "mcpServers": {
           "files": {"command": "npx", "args": [], "note": "n", "description": "d", "name": "Files", "autoApprove": [],
             "alwaysAllow": [], "transportType": "stdio", "timeout": 60000, "type": "stdio", "disabled": false,
             "env": {"ANY_NAME": "free-form"}, "dev": {"enabled": false}},
           "remote": {"url": "http://127.0.0.1:9/mcp", "headers": {"X-Anything": "v"}, "connectionPool": {"maxConnections": 5}}}}"""));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void aPluginProvidersOwnKeysAreNotChecked() {
    HubConfig config = parser.parse(new JsonObject("""
        {"toolFiltering": {"mode": "prompt-based",
           "llmCategorization": {"enabled": true, "provider": "name-match", "matchConfidence": 0.8}}}"""));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void aTopLevelTypoThatLeavesNoServersIsRefusedNamingTheKeyItProbablyMeant() {
    ConfigException typo = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject(
        "{\"mcpServer\": {\"github\": {\"command\": \"npx\"}}}")));
    assertThat(typo.problems()).containsExactly(
        "mcpServer: unknown key; did you mean mcpServers? Without \"mcpServers\" the hub would run no server");
    ConfigException elsewhere = catchThrowableOfType(ConfigException.class, () -> parser.parse(new JsonObject(
        "{\"hub\": {}, \"my-servers\": {\"github\": {\"command\": \"npx\"}, \"docs\": {\"url\": \"http://127.0.0.1:9/mcp\"}}}")));
    assertThat(elsewhere.problems()).containsExactly(
        "my-servers: unknown key; did you mean mcpServers? Without \"mcpServers\" the hub would run no server");
  }

  @Test
  void aTyposNeighbourIsOnlyAWarningWhenTheServersAreThere() {
    HubConfig config = parser.parse(new JsonObject(
        "{\"mcpServers\": {\"a\": {\"command\": \"x\"}}, \"mcpServer\": {\"b\": {\"command\": \"y\"}}}"));
    assertThat(config.servers()).containsOnlyKeys("a");
    assertThat(config.warnings()).containsExactly("mcpServer: unknown key; did you mean mcpServers?");
  }

  @Test
  void disableAndDisabledBothTurnAServerOff() {
    HubConfig config = parser.parse(new JsonObject("""
        {"mcpServers": {"a": {"command": "x", "disabled": true}, "b": {"command": "y", "disable": true},
          "c": {"command": "z", "disabled": false}}}"""));
    assertThat(config.servers().get("a").disabled()).isTrue();
    assertThat(config.servers().get("b").disabled()).isTrue();
    assertThat(config.servers().get("c").disabled()).isFalse();
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void closestKeyAllowsCaseSwapsPrefixesAndOneOrTwoTypos() {
    KeyTable table = KeyTable.of("args", "command", "startupTimeout", "env");
    assertThat(table.closest("ARGS")).isEqualTo("args");
    assertThat(table.closest("comand")).isEqualTo("command");
    assertThat(table.closest("commnad")).isEqualTo("command");
    assertThat(table.closest("startup")).isEqualTo("startupTimeout");
    assertThat(table.closest("envs")).isEqualTo("env");
    assertThat(table.closest("cwd")).isNull();
    assertThat(table.closest("url")).isNull();
  }
}
