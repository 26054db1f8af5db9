package io.mcphub.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one JSON object that record, instead of throwing, every problem as
 * {@code path: got <value>, expected <what>}. Absent or null fields give the default.
 */
final class FieldReader {

  private final JsonObject json;
  private final String path;
  private final List<String> problems;

  FieldReader(JsonObject json, String path, List<String> problems) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
    this.problems = problems;
  }

  String path(String field) {
    if (field.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return json.getValue(field) != null;
  }

  List<String> problems() {
    return problems;
  }

  Object raw(String field) {
    return json.getValue(field);
  }

  double doubleInRange(String field, double fallback, double min, double max) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number && number.doubleValue() >= min && number.doubleValue() <= max) {
      return number.doubleValue();
    }
    wrongType(field, value, "a number from " + min + " to " + max);
    return fallback;
  }

  void problem(String field, String message) {
    problems.add(path(field) + ": " + message);
  }

  String string(String field, String fallback) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      return text;
    }
    wrongType(field, value, "a string");
    return fallback;
  }

  boolean bool(String field, boolean fallback) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    wrongType(field, value, "true or false");
    return fallback;
  }

  long longInRange(String field, long fallback, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number && number.doubleValue() == number.longValue()
        && number.longValue() >= min && number.longValue() <= max) {
      return number.longValue();
    }
    wrongType(field, value, "an integer from " + min + " to " + max);
    return fallback;
  }

  JsonObject object(String field) {
    Object value = json.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    wrongType(field, value, "an object");
    return null;
  }

  List<String> strings(String field) {
    Object value = json.getValue(field);
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (!(value instanceof JsonArray array)) {
      wrongType(field, value, "an array of strings");
      return result;
    }
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (item instanceof String text) {
        result.add(text);
      } else {
        problems.add(path(field) + "[" + i + "]: got " + describe(item) + ", expected a string");
      }
    }
    return result;
  }

  Map<String, String> stringMap(String field) {
    JsonObject object = object(field);
    Map<String, String> result = new LinkedHashMap<>();
    if (object == null) {
      return result;
    }
    for (Map.Entry<String, Object> entry : object) {
      Object item = entry.getValue();
      if (item instanceof String || item instanceof Number || item instanceof Boolean) {
        result.put(entry.getKey(), String.valueOf(item));
      } else {
        problems.add(path(field) + "." + entry.getKey() + ": got " + describe(item) + ", expected a string");
      }
    }
    return result;
  }

  private void wrongType(String field, Object value, String expected) {
    problems.add(path(field) + ": got " + describe(value) + ", expected " + expected);
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return String.valueOf(value);
  }
}
