package io.mcphub.categorizer.gemini;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Gemini API on port 0: records every request and answers from a queue of replies in
 * Gemini's real {@code generateContent} format (the last reply repeats).
 */
final class FakeGemini {

  /** One recorded request. */
  record Request(String method, String uri, Map<String, String> headers, JsonObject body) {
  }

  /** One scripted reply. */
  record Reply(int status, String body, long delayMs) {
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private volatile Reply last = answer("{\"categories\": [], \"reasoning\": \"nothing\"}");
  private HttpServer server;

  Future<FakeGemini> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new java.util.HashMap<>();
      request.headers().forEach(entry -> headers.put(entry.getKey().toLowerCase(java.util.Locale.ROOT), entry.getValue()));
      requests.add(new Request(request.method().name(), request.uri(), headers, body.length() == 0 ? null : body.toJsonObject()));
      Reply reply = replies.poll();
      if (reply == null) {
        reply = last;
      } else {
        last = reply;
      }
      Reply chosen = reply;
      Runnable send = () -> request.response().setStatusCode(chosen.status()).putHeader("Content-Type", "application/json")
          .end(chosen.body());
      if (chosen.delayMs() > 0) {
        vertx.setTimer(chosen.delayMs(), t -> send.run());
      } else {
        send.run();
      }
    })).listen(0, "127.0.0.1").map(listening -> {
      server = listening;
      return this;
    });
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  FakeGemini reply(Reply... next) {
    replies.addAll(List.of(next));
    return this;
  }

  List<Request> requests() {
    return requests;
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
    return new Reply(200, body.encode(), 0);
  }

  static Reply scores(String... nameAndConfidence) {
    JsonArray categories = new JsonArray();
    for (int i = 0; i < nameAndConfidence.length; i += 2) {
      categories.add(new JsonObject().put("name", nameAndConfidence[i]).put("confidence", Double.parseDouble(nameAndConfidence[i + 1])));
    }
    return answer(new JsonObject().put("categories", categories).put("reasoning", "the request reads files").encode());
  }

  static Reply error(int status, String grpcStatus, String message) {
    return new Reply(status, new JsonObject().put("error", new JsonObject().put("code", status).put("message", message)
        .put("status", grpcStatus)).encode(), 0);
  }

  static Reply delayed(Reply reply, long delayMs) {
    return new Reply(reply.status(), reply.body(), delayMs);
  }
}
