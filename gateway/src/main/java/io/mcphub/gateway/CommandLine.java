package io.mcphub.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code --config FILE} (repeatable; later files override), {@code --port N},
 * {@code --host H}, {@code --log-level L}, {@code --plugins DIR}, {@code --watch}/{@code --no-watch}, {@code --cluster};
 * environment {@code MCP_HUB_CONFIG} and {@code MCP_HUB_PORT}.
 */
record CommandLine(List<Path> configFiles, String host, Integer port, String logLevel, Path pluginsDir, boolean watch,
    boolean cluster, boolean help) {

  static final Path DEFAULT_CONFIG = Path.of("conf", "mcp-servers.json");
  static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");
  static final String USAGE = """
      usage: java -jar mcp-hub.jar [--config FILE]... [--port N] [--host H] [--log-level LEVEL] [--plugins DIR] [--no-watch]
                                      [--cluster]
        --config FILE     an mcp-servers.json; repeat to layer files (later ones replace whole server entries)
                          default: $MCP_HUB_CONFIG, else conf/mcp-servers.json
        --port N          port to listen on (default: hub.port, $MCP_HUB_PORT, else 7000; 0 = any free port)
        --host H          address to bind (default: hub.host, else 127.0.0.1)
        --log-level L     trace, debug, info, warn or error (default: info)
        --plugins DIR     load categorizer plugins from the jars in DIR
        --no-watch        do not apply config file edits live (--watch, the default, does)
        --cluster         join the cluster of the config's "cluster" section (default members: this
                          node alone, 127.0.0.1:5701); see docs/scaling.md
        --help            this text""";

  static CommandLine parse(String[] args, Map<String, String> env) {
    List<Path> configs = new ArrayList<>();
    String host = null;
    Integer port = null;
    String logLevel = "info";
    Path plugins = null;
    boolean watch = true;
    boolean cluster = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        inline = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--config", "-c" -> configs.add(Path.of(inline != null ? inline : value(args, ++i, arg)));
        case "--host" -> host = inline != null ? inline : value(args, ++i, arg);
        case "--port", "-p" -> port = port(inline != null ? inline : value(args, ++i, arg), "--port");
        case "--log-level" -> logLevel = logLevel(inline != null ? inline : value(args, ++i, arg));
        case "--plugins" -> plugins = Path.of(inline != null ? inline : value(args, ++i, arg));
        case "--watch" -> watch = true;
        case "--no-watch" -> watch = false;
        case "--cluster" -> cluster = true;
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (configs.isEmpty()) {
      String fromEnv = env.get("MCP_HUB_CONFIG");
      configs.add(fromEnv == null || fromEnv.isBlank() ? DEFAULT_CONFIG : Path.of(fromEnv));
    }
    if (port == null && env.get("MCP_HUB_PORT") != null) {
      port = port(env.get("MCP_HUB_PORT"), "MCP_HUB_PORT");
    }
    return new CommandLine(List.copyOf(configs), host, port, logLevel, plugins, watch, cluster, help);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int port(String text, String source) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(source + ": got \"" + text + "\", expected a port number from 0 to 65535");
  }

  private static String logLevel(String text) {
    if (!LOG_LEVELS.contains(text)) {
      throw new IllegalArgumentException("--log-level: got \"" + text + "\", expected one of " + String.join(", ", LOG_LEVELS));
    }
    return text;
  }
}
