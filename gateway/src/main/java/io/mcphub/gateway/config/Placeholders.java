package io.mcphub.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${VAR}} and {@code ${env:VAR}} in every string of a JSON tree, in place. A variable
 * that is not set is reported with the JSON path of the string that needs it. {@code ${stateDir}}, {@code ${workspace}},
 * {@code ${workspaceFolder}} and {@code ${userHome}} are predefined ({@link HubPaths}).
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)}");

  private final Function<String, String> environment;
  private final HubPaths paths;

  Placeholders(Function<String, String> environment) {
    this.environment = environment;
    this.paths = new HubPaths(environment);
  }

  void resolve(JsonObject object, String path, List<String> problems) {
    for (Map.Entry<String, Object> entry : object) {
      String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      Object resolved = resolveValue(entry.getValue(), childPath, problems);
      if (resolved != entry.getValue()) {
        entry.setValue(resolved);
      }
    }
  }

  private Object resolveValue(Object value, String path, List<String> problems) {
    if (value instanceof String text) {
      return resolveString(text, path, problems);
    }
    if (value instanceof JsonObject object) {
      resolve(object, path, problems);
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        Object item = array.getValue(i);
        Object resolved = resolveValue(item, path + "[" + i + "]", problems);
        if (resolved != item) {
          array.set(i, resolved);
        }
      }
    }
    return value;
  }

  private String resolveString(String text, String path, List<String> problems) {
    if (text.indexOf("${") < 0) {
      return text;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = matcher.group().startsWith("${env:") ? environment.apply(name) : predefinedOrVariable(name, path, problems);
      if (value == null) {
        problems.add(path + ": environment variable " + name + " is not set (referenced as " + matcher.group() + ")");
        value = "";
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private String predefinedOrVariable(String name, String path, List<String> problems) {
    try {
      String predefined = paths.predefined(name);
      return predefined != null ? predefined : environment.apply(name);
    } catch (java.io.IOException e) {
      problems.add(path + ": cannot create the directory ${" + name + "} names: " + e);
      return "";
    }
  }
}
