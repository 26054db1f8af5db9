package io.mcphub.gateway.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one or more config files through Vert.x Config and merges them in order: a later file replaces
 * whole {@code mcpServers} entries of the same name and every other top-level key it sets.
 */
public final class ConfigLoader {

  private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");
  /** Jackson's {@code (start marker at [Source: …; line: 1, column: 1])}: the location is reported on its own. */
  private static final Pattern SOURCE = Pattern.compile("\\s*\\(?[a-z ]*\\[Source: [^\\]]*]\\)?");

  private final Vertx vertx;
  private final ConfigParser parser;

  public ConfigLoader(Vertx vertx, Function<String, String> environment) {
    this.vertx = vertx;
    this.parser = new ConfigParser(environment);
  }

  public Future<HubConfig> load(List<Path> files) {
    Future<JsonObject> merged = Future.succeededFuture(new JsonObject());
    for (Path file : files) {
      merged = merged.compose(acc -> read(file).map(json -> merge(acc, json)));
    }
    // parsing may create the directories ${stateDir} and ${workspace} name
    return merged.compose(json -> vertx.executeBlocking(() -> parser.parse(json), false));
  }

  private Future<JsonObject> read(Path file) {
    if (!Files.isRegularFile(file)) {
      String where = file.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath()
          + "; pass --config PATH or set MCP_HUB_CONFIG)";
      return Future.failedFuture(new ConfigException(file + ": config file not found" + where));
    }
    ConfigStoreOptions store = new ConfigStoreOptions().setType("file").setFormat("json")
        .setConfig(new JsonObject().put("path", file.toString()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(-1).addStore(store));
    return retriever.getConfig()
        .recover(error -> Future.failedFuture(new ConfigException(file + syntaxError(error))))
        .eventually(retriever::close);
  }

  static JsonObject merge(JsonObject base, JsonObject later) {
    JsonObject result = base.copy();
    for (String key : later.fieldNames()) {
      Object value = later.getValue(key);
      if (isServersKey(key) && value instanceof JsonObject servers && result.getValue(key) instanceof JsonObject existing) {
        result.put(key, existing.copy().mergeIn(servers, false));
      } else {
        result.put(key, value);
      }
    }
    return result;
  }

  private static boolean isServersKey(String key) {
    return "mcpServers".equals(key) || "servers".equals(key);
  }

  /**
   * {@code : line 3, column 17: not valid JSON: <what the parser expected>}, from Jackson's message (its location is the
   * last {@code line: …, column: …} in it; the source excerpts are left out).
   */
  static String syntaxError(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    Matcher location = LOCATION.matcher(message);
    String where = "";
    while (location.find()) {
      where = ": line " + location.group(1) + ", column " + location.group(2);
    }
    int newline = message.indexOf('\n');
    String firstLine = newline < 0 ? message : message.substring(0, newline);
    return where + ": not valid JSON: " + SOURCE.matcher(firstLine).replaceAll("").strip();
  }
}
