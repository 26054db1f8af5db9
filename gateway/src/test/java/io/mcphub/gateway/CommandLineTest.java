package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void defaultsComeFromTheEnvironmentThenTheDefaultConfig() {
    assertThat(CommandLine.parse(new String[0], Map.of()).configFiles()).containsExactly(Path.of("conf/mcp-servers.json"));
    CommandLine fromEnv = CommandLine.parse(new String[0], Map.of("MCP_HUB_CONFIG", "/etc/hub.json", "MCP_HUB_PORT", "7100"));
    assertThat(fromEnv.configFiles()).containsExactly(Path.of("/etc/hub.json"));
    assertThat(fromEnv.port()).isEqualTo(7100);
  }

  @Test
  void optionsAreRepeatableAndAcceptInlineValues() {
    CommandLine cli = CommandLine.parse(new String[] {"--config", "a.json", "--config=b.json", "--port=0", "--host", "0.0.0.0",
        "--log-level", "debug"}, Map.of("MCP_HUB_PORT", "1"));
    assertThat(cli.configFiles()).isEqualTo(List.of(Path.of("a.json"), Path.of("b.json")));
    assertThat(cli.port()).isZero();
    assertThat(cli.host()).isEqualTo("0.0.0.0");
    assertThat(cli.logLevel()).isEqualTo("debug");
  }

  @Test
  void clusterIsOffUnlessAsked() {
    assertThat(CommandLine.parse(new String[0], Map.of()).cluster()).isFalse();
    assertThat(CommandLine.parse(new String[] {"--cluster"}, Map.of()).cluster()).isTrue();
  }

  @Test
  void badValuesNameTheOptionAndWhatIsAllowed() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessage("--port: got \"70000\", expected a port number from 0 to 65535");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--log-level", "loud"}, Map.of()))
        .hasMessage("--log-level: got \"loud\", expected one of trace, debug, info, warn, error");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--config"}, Map.of())).hasMessage("--config needs a value");
  }
}
