package io.mcphub.gateway.config;

import io.mcphub.gateway.tools.ToolNames;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the merged JSON of the config files into a {@link HubConfig}, collecting every problem
 * before failing. An unknown key is a warning naming its path and the key it probably meant ({@link ConfigKeys});
 * notes ({@code comment}, {@code note}, …) and keys other tools write are accepted silently.
 */
public final class ConfigParser {

  private final Function<String, String> environment;

  public ConfigParser(Function<String, String> environment) {
    this.environment = environment;
  }

  /** Parses {@code json} (left untouched); throws {@link ConfigException} listing every problem. */
  public HubConfig parse(JsonObject json) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ConfigKeys.check(json, warnings, problems);
    JsonObject resolved = json.copy();
    new Placeholders(environment).resolve(resolved, "", problems);
    forgiveOptionalApiKey(resolved, problems, warnings);
    FieldReader root = new FieldReader(resolved, "", problems);
    HubOptions hub = parseHub(new FieldReader(root.object("hub"), "hub", problems));
    PoolOptions pool = parsePool(new FieldReader(root.object("connectionPool"), "connectionPool", problems));
    FilteringOptions filtering = new FilteringParser(new FieldReader(root.object("toolFiltering"), "toolFiltering", problems))
        .parse();
    String serversKey = resolved.containsKey("mcpServers") ? "mcpServers" : "servers";
    Map<String, ServerConfig> servers = new LinkedHashMap<>();
    JsonObject serverEntries = root.object(serversKey);
    if (serverEntries != null) {
      for (String name : serverEntries.fieldNames()) {
        parseServer(name, serverEntries.getValue(name), serversKey, problems).ifPresent(server -> servers.put(name, server));
      }
      refuseSharedNamespaces(servers, serversKey, problems);
    }
    io.mcphub.gateway.telemetry.TracingOptions tracing = TelemetryParser.parse(root.object("telemetry"), problems, environment);
    ClusterOptions cluster = ClusterOptions.parse(new FieldReader(root.object("cluster"), "cluster", problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new HubConfig(hub, pool, filtering, servers, List.copyOf(warnings), tracing, cluster);
  }

  /**
   * An LLM API key that is not set is only a warning when the heuristic may take over
   * ({@code fallbackToHeuristic}, the default): the hub runs on the heuristic.
   */
  private static void forgiveOptionalApiKey(JsonObject resolved, List<String> problems, List<String> warnings) {
    JsonObject llm = resolved.getValue("toolFiltering") instanceof JsonObject filtering
        && filtering.getValue("llmCategorization") instanceof JsonObject section ? section : null;
    if (llm == null || Boolean.FALSE.equals(llm.getValue("fallbackToHeuristic"))) {
      return;
    }
    String keyPath = "toolFiltering.llmCategorization.apiKey: ";
    problems.removeIf(problem -> {
      if (problem.startsWith(keyPath)) {
        warnings.add(problem + "; the heuristic categorizer answers instead (fallbackToHeuristic)");
        llm.remove("apiKey");
        return true;
      }
      return false;
    });
  }

  private static HubOptions parseHub(FieldReader hub) {
    FieldReader auth = new FieldReader(hub.object("auth"), hub.path("auth"), hub.problems());
    return new HubOptions(
        hub.string("host", HubOptions.DEFAULT_HOST),
        (int) hub.longInRange("port", HubOptions.DEFAULT_PORT, 0, 65_535),
        hub.strings("allowedOrigins"),
        hub.longInRange("maxBodyBytes", HubOptions.DEFAULT_MAX_BODY_BYTES, 1_024, 1L << 30),
        hub.longInRange("restartInitialDelayMs", HubOptions.DEFAULT_RESTART_INITIAL_DELAY_MS, 10, 600_000),
        hub.longInRange("restartMaxDelayMs", HubOptions.DEFAULT_RESTART_MAX_DELAY_MS, 10, 3_600_000),
        hub.longInRange("sessionIdleTimeoutMs", HubOptions.DEFAULT_SESSION_IDLE_TIMEOUT_MS, 1_000, 7L * 24 * 3_600_000),
        authTokens(auth),
        auth.bool("protectMetrics", false),
        OAuthParser.parse(auth),
        parseLimits(hub));
  }

  private static LimitsOptions parseLimits(FieldReader hub) {
    return new LimitsOptions(
        (int) hub.longInRange("maxConnections", LimitsOptions.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000),
        (int) hub.longInRange("maxSessions", LimitsOptions.DEFAULT_MAX_SESSIONS, 1, 1_000_000),
        (int) hub.longInRange("maxHeaderBytes", LimitsOptions.DEFAULT_MAX_HEADER_BYTES, 1_024, 1 << 20),
        hub.longInRange("connectionIdleTimeoutMs", LimitsOptions.DEFAULT_CONNECTION_IDLE_TIMEOUT_MS, 1_000, 24L * 3_600_000),
        hub.longInRange("bodyTimeoutMs", LimitsOptions.DEFAULT_BODY_TIMEOUT_MS, 100, 3_600_000),
        (int) hub.longInRange("maxBatchSize", LimitsOptions.DEFAULT_MAX_BATCH_SIZE, 1, 100_000),
        (int) hub.longInRange("streamBufferBytes", LimitsOptions.DEFAULT_STREAM_BUFFER_BYTES, 4_096, 1 << 30));
  }

  private static List<String> authTokens(FieldReader auth) {
    List<String> tokens = auth.strings("tokens");
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).length() < 16) {
        auth.problem("tokens[" + i + "]", "is " + tokens.get(i).length() + " characters long; use at least 16 (a random secret)");
      }
    }
    return tokens;
  }

  private static PoolOptions parsePool(FieldReader pool) {
    return new PoolOptions(
        pool.bool("enabled", true),
        pool.longInRange("keepAliveTimeout", PoolOptions.DEFAULT_KEEP_ALIVE_TIMEOUT_MS, 1_000, 3_600_000),
        (int) pool.longInRange("maxConnections", PoolOptions.DEFAULT_MAX_CONNECTIONS, 1, 1_000));
  }

  private static java.util.Optional<ServerConfig> parseServer(String name, Object value, String serversKey,
      List<String> problems) {
    String path = serversKey + "." + name;
    if (!(value instanceof JsonObject json)) {
      problems.add(path + ": got " + FieldReader.describe(value) + ", expected an object with \"command\" or \"url\"");
      return java.util.Optional.empty();
    }
    int before = problems.size();
    FieldReader server = new FieldReader(json, path, problems);
    String command = server.string("command", null);
    String url = server.string("url", null);
    TransportType type = transportType(server, command, url);
    ServerConfig config = new ServerConfig(
        name, type, server.has("type"), command, server.strings("args"), server.stringMap("env"),
        server.string("cwd", null), url, server.stringMap("headers"), disabled(server),
        server.string("category", null),
        server.longInRange("timeout", ServerConfig.DEFAULT_REQUEST_TIMEOUT_MS, 1, 24L * 3_600_000),
        server.longInRange("startupTimeout", ServerConfig.DEFAULT_STARTUP_TIMEOUT_MS, 1, 3_600_000),
        IsolationOptions.parse(server),
        namespace(server, name),
        protocol(server));
    return problems.size() == before ? java.util.Optional.of(config) : java.util.Optional.empty();
  }

  /** The {@code protocol} field: {@code "auto"} (default) or {@code "legacy"}. */
  private static ServerConfig.Protocol protocol(FieldReader server) {
    String value = server.string("protocol", ServerConfig.Protocol.AUTO.configName());
    for (ServerConfig.Protocol protocol : ServerConfig.Protocol.values()) {
      if (protocol.configName().equals(value)) {
        return protocol;
      }
    }
    server.problem("protocol", "got \"" + value + "\", expected \"auto\" (speak 2026-07-28 to a server that serves it)"
        + " or \"legacy\" (always a 2025 session)");
    return ServerConfig.Protocol.AUTO;
  }

  /** {@code "disabled": true} (MCP Hub's and Cline's spelling), or {@code "disable": true}, read the same way. */
  private static boolean disabled(FieldReader server) {
    return server.bool("disabled", false) | server.bool("disable", false);
  }

  /**
   * The {@code namespace} field: absent or {@code true} is the sanitized config key, {@code false} keeps the server's own
   * names (null), a string is another prefix — {@code [A-Za-z0-9_-]}, at most {@link ToolNames#MAX_NAMESPACE_LENGTH}
   * characters, not the hub's own {@code hub}.
   */
  private static String namespace(FieldReader server, String name) {
    Object value = server.raw("namespace");
    if (value == null || Boolean.TRUE.equals(value)) {
      return ToolNames.serverId(name);
    }
    if (Boolean.FALSE.equals(value)) {
      return null;
    }
    if (!(value instanceof String prefix) || !ToolNames.isValidNamespace(prefix)) {
      server.problem("namespace", "got " + FieldReader.describe(value) + ", expected false (keep the server's own names),"
          + " true (the default: the server's name) or a prefix of 1 to " + ToolNames.MAX_NAMESPACE_LENGTH
          + " characters of [A-Za-z0-9_-]");
      return null;
    }
    if (ToolNames.META_NAMESPACE.equals(prefix)) {
      server.problem("namespace", "\"" + prefix + "\" is the hub's own (its meta tools are " + ToolNames.META_NAMESPACE
          + ToolNames.SEPARATOR + "*); choose another prefix");
    }
    return prefix;
  }

  /** Two servers with the same prefix would list the same names: the config is refused, naming both. */
  private static void refuseSharedNamespaces(Map<String, ServerConfig> servers, String serversKey, List<String> problems) {
    Map<String, String> owners = new LinkedHashMap<>();
    for (ServerConfig server : servers.values()) {
      if (server.keepsOwnNames()) {
        continue;
      }
      String first = owners.putIfAbsent(server.namespace(), server.name());
      if (first != null) {
        problems.add(serversKey + "." + server.name() + ".namespace: \"" + server.namespace() + "\" is also the namespace of"
            + " server \"" + first + "\"; their tool and prompt names would collide — set \"namespace\" to another prefix");
      }
    }
  }

  private static TransportType transportType(FieldReader server, String command, String url) {
    if (command != null && url != null) {
      server.problem("", "has both \"command\" and \"url\"; a server is either a process (command) or remote (url)");
      return TransportType.STDIO;
    }
    if (command == null && url == null) {
      server.problem("", "needs \"command\" (a process speaking MCP on stdio) or \"url\" (a remote MCP server)");
      return TransportType.STDIO;
    }
    if (command != null && command.isBlank()) {
      server.problem("command", "must not be empty");
    }
    if (url != null && !isHttpUrl(url)) {
      server.problem("url", "got " + FieldReader.describe(url) + ", expected an http:// or https:// URL");
    }
    String typeName = server.string("type", null);
    if (typeName == null) {
      return command != null ? TransportType.STDIO : TransportType.STREAMABLE_HTTP;
    }
    TransportType type = TransportType.fromConfig(typeName).orElse(null);
    if (type == null) {
      server.problem("type", "got " + FieldReader.describe(typeName) + ", expected one of stdio, streamable-http, http, sse");
      return TransportType.STDIO;
    }
    if ((type == TransportType.STDIO) != (command != null)) {
      server.problem("type", "\"" + typeName + "\" does not fit a server with " + (command != null ? "\"command\"" : "\"url\""));
    }
    return type;
  }

  /** Whether {@code url} is an absolute http:// or https:// URL with a host (the one check every URL field uses). */
  static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
