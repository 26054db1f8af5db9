package io.mcphub.gateway.jsonrpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * Reads an upstream's line that is a plain success response — exactly {@code jsonrpc}, a numeric {@code id} (the hub's
 * own ids are numbers) and an object {@code result}, in any order — without building the result's tree: the line is
 * scanned once with Jackson's streaming parser (which checks every token, so nothing malformed is forwarded), and the
 * result becomes an {@link EncodedResult#passThrough} of its own text. The hub then rewrites only the id.
 *
 * <p>Anything else (requests, notifications, errors, batches, extra or repeated members, invalid JSON, a carriage
 * return between tokens, which an SSE stream would take for a line end) answers null: the caller parses the line as a
 * tree as before, and reports what is wrong with it there.
 */
public final class ResponseLine {

  private static final String VERSION_KEY = "jsonrpc";
  private static final String ID_KEY = "id";
  private static final String RESULT_KEY = "result";

  private ResponseLine() {
  }

  /** The response {@code {jsonrpc, id, result}} with a pass-through result, or null when {@code line} is not one. */
  public static JsonObject parse(String line) {
    if (line.indexOf('\r') >= 0) {
      return null;
    }
    try (JsonParser parser = JacksonCodec.createParser(line)) {
      // Vert.x's parser skips comments; text forwarded as it arrived must be strict JSON, so a line with one takes the
      // tree path, which drops them
      parser.disable(JsonParser.Feature.ALLOW_COMMENTS);
      parser.disable(JsonParser.Feature.ALLOW_YAML_COMMENTS);
      return parse(parser, line);
    } catch (IOException | RuntimeException malformed) {
      return null;
    }
  }

  private static JsonObject parse(JsonParser parser, String line) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String version = null;
    Number id = null;
    String result = null;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (VERSION_KEY.equals(name) && version == null && value == JsonToken.VALUE_STRING) {
        version = parser.getText();
      } else if (ID_KEY.equals(name) && id == null && value == JsonToken.VALUE_NUMBER_INT) {
        id = parser.getNumberValue();
      } else if (RESULT_KEY.equals(name) && result == null && value == JsonToken.START_OBJECT) {
        result = objectText(parser, line);
      } else {
        return null;
      }
    }
    if (token != JsonToken.END_OBJECT || parser.nextToken() != null || version == null || id == null || result == null) {
      return null;
    }
    return new JsonObject().put(VERSION_KEY, version).put(ID_KEY, id).put(RESULT_KEY, EncodedResult.passThrough(result));
  }

  /** The text of the object whose start the parser is on, every token of it checked; the parser ends on its end. */
  private static String objectText(JsonParser parser, String line) throws IOException {
    int start = (int) parser.currentTokenLocation().getCharOffset();
    parser.skipChildren();
    int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
    return line.substring(start, end);
  }
}
