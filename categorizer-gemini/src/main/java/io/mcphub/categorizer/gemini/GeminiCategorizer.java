package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.llm.LlmCaller;
import io.mcphub.categorizer.llm.LlmCategorizer;
import io.mcphub.categorizer.llm.LlmCaller.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Asks Gemini which categories a prompt needs: one {@code generateContent} call per new prompt with the key only in
 * the {@code x-goog-api-key} header, made resilient (budget, retries, circuit breaker, cache) by {@link LlmCaller}.
 */
final class GeminiCategorizer extends LlmCategorizer {

  private final GeminiOptions options;

  GeminiCategorizer(Vertx vertx, GeminiOptions options) {
    super(new LlmCaller(vertx, "Gemini", options.common()));
    this.options = options;
  }

  @Override
  public Future<Categorization> categorize(CategorizationRequest request) {
    JsonObject body = GeminiRequests.body(request, options);
    return caller.call(request, remainingMs -> caller.client().postAbs(options.url())
        .putHeader("x-goog-api-key", options.common().apiKey())
        .putHeader("Content-Type", "application/json")
        .timeout(remainingMs)
        .sendJsonObject(body)
        .map(response -> outcome(response, request)));
  }

  private Outcome outcome(HttpResponse<Buffer> response, CategorizationRequest request) {
    int status = response.statusCode();
    if (status != 200) {
      return Outcome.httpError(status, GeminiAnswers.failureClass(status, response.body()),
          GeminiAnswers.httpError(status, response.body(), options.common().apiKey()), 0);
    }
    try {
      return Outcome.answer(GeminiAnswers.parse(response.body(), request, options.model()));
    } catch (CategorizerException refusal) {
      return Outcome.refusal(refusal);
    }
  }
}
