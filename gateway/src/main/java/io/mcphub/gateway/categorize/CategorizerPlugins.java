package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.CategorizerFactory;
import io.mcphub.gateway.config.ConfigException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds categorizer factories with {@link ServiceLoader}: those on the class path and those in the jars of a
 * plugins directory. Two factories with one name stop the start, listing where each came from.
 */
public final class CategorizerPlugins {

  private CategorizerPlugins() {
  }

  /** Factories by name; {@code pluginsDir} may be null. */
  public static Map<String, CategorizerFactory> discover(Path pluginsDir) {
    ClassLoader loader = pluginsDir == null ? CategorizerPlugins.class.getClassLoader() : pluginLoader(pluginsDir);
    Map<String, List<String>> origins = new TreeMap<>();
    Map<String, CategorizerFactory> factories = new LinkedHashMap<>();
    ServiceLoader.load(CategorizerFactory.class, loader).stream().forEach(provider -> {
      CategorizerFactory factory = provider.get();
      origins.computeIfAbsent(factory.name(), n -> new ArrayList<>()).add(origin(provider.type()));
      factories.putIfAbsent(factory.name(), factory);
    });
    List<String> duplicates = new ArrayList<>();
    origins.forEach((name, where) -> {
      if (where.size() > 1) {
        duplicates.add("categorizer name \"" + name + "\" is provided more than once: " + String.join(", ", where));
      }
    });
    if (!duplicates.isEmpty()) {
      throw new ConfigException(duplicates);
    }
    return factories;
  }

  private static ClassLoader pluginLoader(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("--plugins " + dir + ": not a directory");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<URL> jars = new ArrayList<>();
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
      return new URLClassLoader(jars.toArray(URL[]::new), CategorizerPlugins.class.getClassLoader());
    } catch (IOException e) {
      throw new ConfigException("--plugins " + dir + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static String origin(Class<?> type) {
    try {
      URL location = type.getProtectionDomain().getCodeSource() == null ? null : type.getProtectionDomain().getCodeSource().getLocation();
      return type.getName() + (location == null ? "" : " in " + Path.of(location.toURI()).getFileName());
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return type.getName();
    }
  }

}
