package io.mcphub.categorizer.openai;

import io.mcphub.categorizer.llm.ScriptedServer;
import io.mcphub.categorizer.llm.ScriptedServer.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Replies in the Chat Completions API's real format, for a {@link ScriptedServer}. */
final class FakeChatCompletions {

  private FakeChatCompletions() {
  }

  static ScriptedServer server() {
    return new ScriptedServer(content("{\"categories\": [], \"reasoning\": \"nothing\"}"));
  }

  static Reply content(String content) {
    return choice(new JsonObject().put("role", "assistant").put("content", content).putNull("refusal"), "stop");
  }

  static Reply choice(JsonObject message, String finishReason) {
    JsonObject body = new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "gpt-4o-mini-2024-07-18")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message).put("finish_reason", finishReason)))
        .put("usage", new JsonObject().put("prompt_tokens", 150).put("completion_tokens", 25).put("total_tokens", 175));
    return Reply.json(200, body.encode());
  }

  static Reply scores(String... nameAndConfidence) {
    JsonArray categories = new JsonArray();
    for (int i = 0; i < nameAndConfidence.length; i += 2) {
      categories.add(new JsonObject().put("name", nameAndConfidence[i]).put("confidence", Double.parseDouble(nameAndConfidence[i + 1])));
    }
    return content(new JsonObject().put("categories", categories).put("reasoning", "it asks for files").encode());
  }

  static Reply error(int status, String type, String code, String message) {
    return Reply.json(status, new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
        .put("param", (String) null).put("code", code)).encode());
  }
}
