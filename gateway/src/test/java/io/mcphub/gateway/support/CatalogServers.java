package io.mcphub.gateway.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The servers of a tool-selection catalog (the toolsel format, {@code src/test/resources/toolsel}) as real stdio
 * processes: each runs {@code fixtures/catalog-server.mjs CATALOG SERVERNAME}, which serves that server's tools.
 */
public final class CatalogServers {

  public static final Path SERVER = Path.of("src/test/resources/fixtures/catalog-server.mjs").toAbsolutePath();
  /** The dev set's catalog: 65 real servers, 896 tools. */
  public static final Path CATALOG = Path.of("src/test/resources/toolsel/catalog.json").toAbsolutePath();
  /** Every 7th task of the dev set, from the first (lines 1, 8, 15, …): 40 tasks, every kind. */
  public static final Path GUARD_TASKS = Path.of("src/test/resources/toolsel/tasks-guard.jsonl").toAbsolutePath();

  private CatalogServers() {
  }

  public static JsonObject read(Path catalog) {
    try {
      return new JsonObject(Files.readString(catalog));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonObject> tasks(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).map(JsonObject::new).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One {@code mcpServers} entry per server of {@code catalog}, each serving it from {@code file}. */
  public static JsonObject config(JsonObject catalog, Path file) {
    JsonObject servers = new JsonObject();
    for (Object server : catalog.getJsonArray("servers")) {
      String name = ((JsonObject) server).getString("name");
      servers.put(name, server(file, name, false));
    }
    return servers;
  }

  /** The {@code mcpServers} entry of one server; with {@code watch} it follows changes of {@code file}. */
  public static JsonObject server(Path file, String name, boolean watch) {
    JsonArray args = new JsonArray().add(SERVER.toString()).add(file.toString()).add(name);
    if (watch) {
      args.add("--watch");
    }
    return new JsonObject().put("command", "node").put("args", args);
  }

  /** The server named {@code name} in {@code catalog}. */
  public static JsonObject server(JsonObject catalog, String name) {
    return catalog.getJsonArray("servers").stream().map(JsonObject.class::cast).filter(s -> name.equals(s.getString("name")))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no server " + name));
  }

  /** How many tools {@code catalog} holds. */
  public static int toolCount(JsonObject catalog) {
    return catalog.getJsonArray("servers").stream().mapToInt(s -> ((JsonObject) s).getJsonArray("tools").size()).sum();
  }

  /** Replaces {@code file} with a catalog of {@code servers} in one rename, so a watching server never reads half of it. */
  public static void write(Path file, JsonObject... servers) {
    try {
      Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"),
          new JsonObject().put("servers", new JsonArray(List.of(servers))).encodePrettily());
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
