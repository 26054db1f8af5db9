package io.mcphub.categorizer.openai;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.llm.LlmCaller;
import io.mcphub.categorizer.llm.LlmCategorizer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;

/**
 * Asks an OpenAI-compatible Chat Completions API (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio) which categories a
 * prompt needs; {@code Authorization: Bearer} only when a key is configured. Made resilient by {@link LlmCaller}.
 */
final class OpenAiCategorizer extends LlmCategorizer {

  private final OpenAiOptions options;

  OpenAiCategorizer(Vertx vertx, OpenAiOptions options) {
    super(new LlmCaller(vertx, OpenAiExchange.PROVIDER, options.common()));
    this.options = options;
  }

  @Override
  public Future<Categorization> categorize(CategorizationRequest request) {
    JsonObject body = OpenAiExchange.body(request, options);
    return caller.call(request, remainingMs -> {
      HttpRequest<io.vertx.core.buffer.Buffer> post = caller.client().postAbs(options.url())
          .putHeader("Content-Type", "application/json").timeout(remainingMs);
      options.headers().forEach(post::putHeader);
      if (options.common().apiKey() != null) {
        post.putHeader("Authorization", "Bearer " + options.common().apiKey());
      }
      return post.sendJsonObject(body).map(response -> OpenAiExchange.outcome(response, request, options));
    });
  }


}
