package io.mcphub.categorizer.openai;

import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.llm.LlmAnswers;
import io.mcphub.categorizer.llm.LlmCaller.Outcome;
import io.mcphub.categorizer.llm.LlmPrompts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The Chat Completions request and the reading of its answer: a refusal, a {@code length} or {@code content_filter}
 * finish, malformed content and HTTP errors each become a failure with a one-line reason in which no key appears.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/chat/create">Chat Completions</a>
 */
final class OpenAiExchange {

  static final String NAME = "openai";
  static final String PROVIDER = "OpenAI-compatible API";
  private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*\\-]{3,}");

  private OpenAiExchange() {
  }

  static JsonObject body(CategorizationRequest request, OpenAiOptions options) {
    JsonObject format = options.jsonSchema()
        ? new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject().put("name", "tool_categories")
            .put("strict", true).put("schema", LlmPrompts.answerSchema(request)))
        : new JsonObject().put("type", "json_object");
    return new JsonObject()
        .put("model", options.common().model())
        .put("temperature", 0)
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "system").put("content", LlmPrompts.instruction(request)))
            .add(new JsonObject().put("role", "user").put("content", LlmPrompts.userText(request))))
        .put("response_format", format);
  }

  static Outcome outcome(HttpResponse<Buffer> response, CategorizationRequest request, OpenAiOptions options) {
    int status = response.statusCode();
    if (status != 200) {
      return Outcome.httpError(status, httpError(status, response.body(), options.common().apiKey()),
          retryAfterMs(response.getHeader("Retry-After")));
    }
    try {
      return Outcome.answer(parse(response.body(), request, options.common().model()));
    } catch (CategorizerException refusal) {
      return Outcome.refusal(refusal);
    }
  }

  private static io.mcphub.categorizer.Categorization parse(Buffer body, CategorizationRequest request, String model) {
    JsonObject response;
    try {
      response = new JsonObject(body);
    } catch (DecodeException e) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, PROVIDER + "'s response was not JSON");
    }
    JsonArray choices = response.getJsonArray("choices");
    if (choices == null || choices.isEmpty()) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, PROVIDER + " returned no choices");
    }
    JsonObject choice = choices.getJsonObject(0);
    JsonObject message = choice.getJsonObject("message", new JsonObject());
    if (message.getValue("refusal") instanceof String refusal && !refusal.isBlank()) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, "the model refused: " + LlmAnswers.oneLine(refusal));
    }
    String finish = choice.getString("finish_reason", "stop");
    if ("length".equals(finish)) {
      throw new CategorizerException(CategorizerFailures.INTERNAL, "the model's answer was cut off (finish_reason length)");
    }
    if ("content_filter".equals(finish)) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, "the model's answer was filtered (finish_reason content_filter)");
    }
    String content = message.getValue("content") instanceof String text ? text : null;
    if (content == null || content.isBlank()) {
      throw new CategorizerException(CategorizerFailures.UNAVAILABLE, PROVIDER + "'s answer had no content");
    }
    String answeredBy = response.getString("model", model);
    return LlmAnswers.parse(content, request, NAME, answeredBy, "The model");
  }

  static CategorizerException httpError(int status, Buffer body, String apiKey) {
    String detail = "";
    try {
      JsonObject error = body == null || body.length() == 0 ? null : new JsonObject(body).getJsonObject("error");
      if (error != null) {
        String code = error.getValue("code") == null ? "" : String.valueOf(error.getValue("code"));
        detail = ": " + (code.isEmpty() ? "" : code + " ") + LlmAnswers.oneLine(error.getString("message", ""));
      }
    } catch (DecodeException | ClassCastException e) {
      detail = "";
    }
    String reason = redact(PROVIDER + " answered HTTP " + status + detail.stripTrailing(), apiKey);
    int code = status == 408 || status == 504 ? CategorizerFailures.TIMEOUT : CategorizerFailures.UNAVAILABLE;
    return new CategorizerException(code, reason);
  }

  /** Removes the key, and anything that looks like one (providers echo a masked key in 401 messages). */
  static String redact(String text, String apiKey) {
    String cleaned = apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[key]");
    return KEY_LIKE.matcher(cleaned).replaceAll("[key]");
  }

  /** {@code Retry-After} in seconds or as an HTTP date; 0 when absent or unreadable. */
  static long retryAfterMs(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, (long) (Double.parseDouble(header.strip()) * 1000));
    } catch (NumberFormatException e) {
      try {
        return Math.max(0, Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(header.strip(),
            DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis());
      } catch (RuntimeException unreadable) {
        return 0;
      }
    }
  }
}
