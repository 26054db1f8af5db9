package io.mcphub.gateway.tools;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words of a tool, field by field, as the index reads them. Identifiers are split into words ({@code
 * get_job_logs}, {@code getJobLogs}, {@code github__list_issues}) the same way in tools and in queries.
 */
final class ToolText {

  /** How deep parameter names and descriptions are read inside {@code inputSchema}. */
  static final int MAX_SCHEMA_DEPTH = 3;
  /** How much of one field is indexed: long usage guides say what the tool does early on. */
  static final int MAX_FIELD_CHARS = 4_000;
  private static final Pattern CAMEL = Pattern.compile("(?<=[\\p{Ll}\\p{Nd}])(?=\\p{Lu})");
  private static final Pattern SEPARATORS = Pattern.compile("[_\\-./:]+");

  private ToolText() {
  }

  /** Splits identifiers into words; other text keeps its words. */
  static String words(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return SEPARATORS.matcher(CAMEL.matcher(text).replaceAll(" ")).replaceAll(" ");
  }

  /** The words of one field of a tool, the first {@link #MAX_FIELD_CHARS} of it. */
  static String field(String text) {
    return words(text == null || text.length() <= MAX_FIELD_CHARS ? text : text.substring(0, MAX_FIELD_CHARS));
  }

  /** The parameter names and descriptions of an input schema, nested objects and array items included. */
  static String parameters(JsonObject schema) {
    StringBuilder text = new StringBuilder();
    collect(schema, 0, text);
    return field(text.toString());
  }

  private static void collect(Object node, int depth, StringBuilder text) {
    if (!(node instanceof JsonObject schema) || depth > MAX_SCHEMA_DEPTH || text.length() > MAX_FIELD_CHARS) {
      return;
    }
    if (schema.getValue("properties") instanceof JsonObject properties) {
      for (String name : properties.fieldNames()) {
        text.append(name).append(' ');
        if (properties.getValue(name) instanceof JsonObject property) {
          text.append(property.getValue("description") instanceof String d ? d : "").append(' ');
          collect(property, depth + 1, text);
        }
      }
    }
    collect(schema.getValue("items"), depth + 1, text);
  }

  /** Sentence ends, semicolons, line breaks, and "and"/"then" joining two requests. */
  private static final Pattern CLAUSE_BREAK = Pattern.compile(
      "[.;!?\\n]+\\s|\\n|[;,]\\s+(?:and\\s+|then\\s+)?|\\s+(?:and then|then|and)\\s+", Pattern.CASE_INSENSITIVE);

  /** The parts of a request that may each ask for something: a multi-step request is searched part by part too. */
  static List<String> clauses(String text) {
    List<String> clauses = new java.util.ArrayList<>();
    for (String part : CLAUSE_BREAK.split(text)) {
      if (!part.isBlank()) {
        clauses.add(part.strip());
      }
    }
    return clauses;
  }
}
