package io.mcphub.categorizer.gemini;

import io.mcphub.categorizer.llm.ScriptedServer;
import io.mcphub.categorizer.llm.ScriptedServer.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Replies in Gemini's real {@code generateContent} format, for a {@link ScriptedServer}. */
final class FakeGemini {

  private FakeGemini() {
  }

  static ScriptedServer server() {
    return new ScriptedServer(answer("{\"categories\": [], \"reasoning\": \"nothing\"}"));
  }

  /** A successful answer whose model text is {@code modelText}. */
  static Reply answer(String modelText) {
    return answer(modelText, "STOP");
  }

  static Reply answer(String modelText, String finishReason) {
    JsonObject body = new JsonObject().put("candidates", new JsonArray().add(new JsonObject()
            .put("content", new JsonObject().put("role", "model").put("parts", new JsonArray().add(new JsonObject().put("text", modelText))))
            .put("finishReason", finishReason).put("index", 0)))
        .put("usageMetadata", new JsonObject().put("promptTokenCount", 120).put("candidatesTokenCount", 30))
        .put("modelVersion", "gemini-2.5-flash");
    return Reply.json(200, body.encode());
  }

  static Reply scores(String... nameAndConfidence) {
    JsonArray categories = new JsonArray();
    for (int i = 0; i < nameAndConfidence.length; i += 2) {
      categories.add(new JsonObject().put("name", nameAndConfidence[i]).put("confidence", Double.parseDouble(nameAndConfidence[i + 1])));
    }
    return answer(new JsonObject().put("categories", categories).put("reasoning", "the request reads files").encode());
  }

  static Reply error(int status, String grpcStatus, String message) {
    return Reply.json(status, new JsonObject().put("error", new JsonObject().put("code", status).put("message", message)
        .put("status", grpcStatus)).encode());
  }
}
