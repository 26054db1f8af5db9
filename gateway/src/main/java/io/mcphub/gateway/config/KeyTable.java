package io.mcphub.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys one kind of config object may hold: its own keys, keys other tools write that the hub accepts without a word
 * (MCP Hub, Claude Desktop, Cline…), and the tables of the objects nested under its keys. A key in none of them gets
 * one warning naming its JSON path and, when one is close, the key it probably meant.
 */
final class KeyTable {

  /** Accepted in every object: notes people leave in JSON files. */
  static final Set<String> NOTES = Set.of("comment", "note", "$comment", "$schema", "//");

  private final List<String> own;
  private final Set<String> foreign;
  private final Map<String, KeyTable> nested = new HashMap<>();
  private final KeyTable eachValue;

  private KeyTable(List<String> own, Set<String> foreign, KeyTable eachValue) {
    this.own = own;
    this.foreign = foreign;
    this.eachValue = eachValue;
  }

  /** An object whose keys are {@code own}. */
  static KeyTable of(String... own) {
    return new KeyTable(List.of(own), Set.of(), null);
  }

  /** An object whose keys are names chosen by the user (e.g. {@code mcpServers}) and whose values all read as {@code each}. */
  static KeyTable entries(KeyTable each) {
    return new KeyTable(List.of(), Set.of(), each);
  }

  /** The same table, also accepting {@code keys} that other tools write and the hub does not use. */
  KeyTable foreign(String... keys) {
    KeyTable copy = new KeyTable(own, Set.of(keys), eachValue);
    copy.nested.putAll(nested);
    return copy;
  }

  /** Checks the object (or each object of the array) under {@code key} against {@code table}. */
  KeyTable nest(String key, KeyTable table) {
    nested.put(key, table);
    return this;
  }

  boolean knows(String key) {
    return own.contains(key) || foreign.contains(key) || NOTES.contains(key);
  }

  /** Adds one warning per unknown key of {@code json} and of the objects nested in it. */
  void check(JsonObject json, String path, List<String> warnings) {
    for (String key : json.fieldNames()) {
      Object value = json.getValue(key);
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (eachValue != null) {
        checkValue(eachValue, value, childPath, warnings);
      } else if (!knows(key)) {
        warnings.add(unknown(childPath, key));
      } else if (nested.containsKey(key)) {
        checkValue(nested.get(key), value, childPath, warnings);
      }
    }
  }

  private static void checkValue(KeyTable table, Object value, String path, List<String> warnings) {
    if (value instanceof JsonObject object) {
      table.check(object, path, warnings);
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getValue(i) instanceof JsonObject item) {
          table.check(item, path + "[" + i + "]", warnings);
        }
      }
    }
  }

  String unknown(String path, String key) {
    String closest = closest(key);
    return path + ": unknown key" + (closest == null ? ", ignored" : "; did you mean " + closest + "?");
  }

  /** The own key {@code key} was probably meant to be: same letters in another case, a prefix, or a typo or two away. */
  String closest(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = key.toLowerCase(Locale.ROOT);
    for (String candidate : own) {
      String other = candidate.toLowerCase(Locale.ROOT);
      int distance = lower.equals(other) ? 0 : distance(lower, other);
      boolean prefix = Math.min(lower.length(), other.length()) >= 3 && (lower.startsWith(other) || other.startsWith(lower));
      int allowed = Math.min(lower.length(), other.length()) <= 4 ? 1 : 2;
      if ((distance <= allowed || prefix) && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
