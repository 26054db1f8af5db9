package io.mcphub.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The directories a config names with predefined placeholders, so the default config keeps every file the servers
 * write in a known place: {@code ${stateDir}} (the hub's state directory: logs, learned categories, the memory
 * server's graph) and {@code ${workspace}} (the directory the filesystem server may touch). Both are created when a
 * config uses them. {@code ${workspaceFolder}} (the hub's working directory) and {@code ${userHome}} mean what they
 * mean in MCP Hub.
 */
public final class HubPaths {

  /** Environment variable that moves {@code ${workspace}} (default: {@code workspace} under the working directory). */
  public static final String WORKSPACE_VARIABLE = "MCP_HUB_WORKSPACE";

  private final Function<String, String> environment;

  public HubPaths(Function<String, String> environment) {
    this.environment = environment;
  }

  /** {@code $XDG_STATE_HOME/mcp-hub}, by default {@code ~/.local/state/mcp-hub}. */
  public Path stateDir() {
    String xdg = environment.apply("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("mcp-hub").toAbsolutePath();
  }

  /** {@code $MCP_HUB_WORKSPACE}, by default {@code ./workspace}. */
  public Path workspace() {
    String configured = environment.apply(WORKSPACE_VARIABLE);
    return (configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("workspace")).toAbsolutePath();
  }

  /**
   * The value of a predefined placeholder, its directory created when it is one the hub owns; null for a name that is
   * not predefined.
   *
   * @throws IOException when the directory cannot be created
   */
  String predefined(String name) throws IOException {
    return switch (name) {
      case "stateDir" -> Files.createDirectories(stateDir()).toString();
      case "workspace" -> Files.createDirectories(workspace()).toString();
      case "workspaceFolder" -> Path.of("").toAbsolutePath().toString();
      case "userHome" -> System.getProperty("user.home");
      default -> null;
    };
  }
}
