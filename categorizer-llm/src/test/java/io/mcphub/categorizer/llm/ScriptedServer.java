package io.mcphub.categorizer.llm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for an LLM provider's HTTP API on port 0: records every request and answers from a queue of
 * scripted replies (the last one repeats). Providers' fakes build the replies in their API's real format.
 */
public final class ScriptedServer {

  /** One recorded request; header names in lower case. */
  public record Request(String method, String uri, Map<String, String> headers, JsonObject body) {
  }

  /** One scripted reply. */
  public record Reply(int status, String body, long delayMs, Map<String, String> headers) {

    public static Reply json(int status, String body) {
      return new Reply(status, body, 0, Map.of());
    }

    public Reply delayed(long millis) {
      return new Reply(status, body, millis, headers);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new HashMap<>(headers);
      more.put(name, value);
      return new Reply(status, body, delayMs, Map.copyOf(more));
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private volatile Reply last;
  private HttpServer server;

  public ScriptedServer(Reply initial) {
    this.last = initial;
  }

  public Future<ScriptedServer> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new HashMap<>();
      request.headers().forEach(entry -> headers.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
      requests.add(new Request(request.method().name(), request.uri(), headers, body.length() == 0 ? null : body.toJsonObject()));
      Reply next = replies.poll();
      Reply reply = next == null ? last : next;
      last = reply;
      Runnable send = () -> {
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json");
        reply.headers().forEach(request.response()::putHeader);
        request.response().end(reply.body());
      };
      if (reply.delayMs() > 0) {
        vertx.setTimer(reply.delayMs(), t -> send.run());
      } else {
        send.run();
      }
    })).listen(0, "127.0.0.1").map(listening -> {
      server = listening;
      return this;
    });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public ScriptedServer reply(Reply... next) {
    replies.addAll(List.of(next));
    return this;
  }

  public List<Request> requests() {
    return requests;
  }
}
