package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whom a server's request or log message reaches, decided by {@link UpstreamClient} from the calls in flight: the
 * call the message names, or the one client with calls in flight; never another client.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UpstreamClientRelayTest {

  private final Vertx vertx = Vertx.vertx();
  private final ScriptedTransport server = new ScriptedTransport();
  private final UpstreamClient client = new UpstreamClient(vertx, "fx", server, new SharedInstance());

  @BeforeEach
  void connect() {
    client.start();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aRequestNamingAnEndedCallReachesNobodyEvenWhenOneOtherClientIsCalling() {
    Client alice = new Client("alice");
    Client bob = new Client("bob");
    OutboundCall aliceCall = client.call("tools/call", new JsonObject(), alice, 5_000);
    client.call("tools/call", new JsonObject(), bob, 5_000);
    server.reply(aliceCall.upstreamId(), new JsonObject());
    server.say(request("elicitation/create"), aliceCall.upstreamId());
    server.say(log("about alice's call"), aliceCall.upstreamId());
    assertThat(bob.received).isEmpty();
    assertThat(alice.received).isEmpty();
    assertThat(server.lastSent().getJsonObject("error").getString("message")).contains("cannot tell which client");
  }

  @Test
  void withoutANamedCallARequestGoesToTheOneClientCallingAndIsRefusedWhenTwoAre() {
    Client alice = new Client("alice");
    Client bob = new Client("bob");
    client.call("tools/call", new JsonObject(), alice, 5_000);
    client.call("tools/call", new JsonObject(), alice, 5_000);
    server.say(request("sampling/createMessage"), null);
    assertThat(alice.received).containsExactly("sampling/createMessage");
    client.call("tools/call", new JsonObject(), bob, 5_000);
    server.say(request("sampling/createMessage"), null);
    assertThat(alice.received).hasSize(1);
    assertThat(bob.received).isEmpty();
    assertThat(server.lastSent().getJsonObject("error").getString("message")).contains("cannot tell which client");
  }

  @Test
  void aLogMessageWithoutANamedCallIsNeverHandedToTheCaller() {
    Client alice = new Client("alice");
    client.call("tools/call", new JsonObject(), alice, 5_000);
    server.say(log("unattributed"), null);
    assertThat(alice.received).isEmpty();
    OutboundCall named = client.call("tools/call", new JsonObject(), alice, 5_000);
    server.say(log("about this call"), named.upstreamId());
    assertThat(alice.received).containsExactly("notifications/message");
  }

  private static JsonObject request(String method) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", "srv-" + method).put("method", method)
        .put("params", new JsonObject());
  }

  private static JsonObject log(String text) {
    return new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/message")
        .put("params", new JsonObject().put("level", "info").put("data", text));
  }

  /** A client exchange that records what reached it. */
  private static final class Client implements RequestOrigin {
    private final String id;
    private final List<String> received = new ArrayList<>();

    Client(String id) {
      this.id = id;
    }

    @Override
    public String clientId() {
      return id;
    }

    @Override
    public void notify(JsonObject notification) {
      received.add(notification.getString("method"));
    }

    @Override
    public Future<JsonObject> request(String method, JsonObject params) {
      received.add(method);
      return Future.succeededFuture(new JsonObject());
    }
  }

  /** A shared instance: it declared sampling and elicitation, and ties nothing to a client by itself. */
  private static final class SharedInstance implements UpstreamClient.Listener {
    @Override
    public void onNotification(JsonObject notification) {
    }

    @Override
    public RequestOrigin originForUntiedRequest(String method) {
      return null;
    }

    @Override
    public boolean declared(String capability) {
      return true;
    }

    @Override
    public void onClosed(String reason) {
    }
  }

  /** The server's side of the connection, driven by the test. */
  private static final class ScriptedTransport implements UpstreamTransport {
    private final List<JsonObject> sent = new ArrayList<>();
    private MessageHandler handler;

    @Override
    public Future<Void> start(MessageHandler messageHandler, Handler<String> closeHandler) {
      this.handler = messageHandler;
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> send(JsonObject message) {
      sent.add(message);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }

    void say(JsonObject message, Object relatedRequestId) {
      handler.handle(message, relatedRequestId);
    }

    void reply(long id, JsonObject result) {
      say(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result), null);
    }

    JsonObject lastSent() {
      return sent.get(sent.size() - 1);
    }
  }
}
