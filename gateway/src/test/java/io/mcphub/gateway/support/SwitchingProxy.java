package io.mcphub.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer the test steers: every HTTP request goes to the node {@link #target(int)} names now, with no
 * stickiness, so one MCP client's session is served by whichever node the test chooses. Records what each node's event
 * streams carried, so a test can see on which node a notification reached the client. A node that dies mid-request
 * yields 502 (as nginx would) or, once the response has started, a reset connection.
 */
public final class SwitchingProxy implements AutoCloseable {

  /** An SSE chunk a node sent on a GET stream. */
  public record StreamChunk(int node, String text) {
  }

  private final HttpServer server;
  private final HttpClient client;
  private final List<Integer> ports;
  private final AtomicInteger target = new AtomicInteger();
  private final AtomicInteger openGetStreams = new AtomicInteger();
  private final List<AtomicInteger> pendingPosts = new CopyOnWriteArrayList<>();
  private final List<StreamChunk> streamed = new CopyOnWriteArrayList<>();

  private SwitchingProxy(Vertx vertx, List<Integer> ports) {
    this.ports = List.copyOf(ports);
    ports.forEach(port -> pendingPosts.add(new AtomicInteger()));
    this.client = vertx.createHttpClient();
    this.server = vertx.createHttpServer().requestHandler(this::forward);
  }

  /** A proxy on a free loopback port in front of the nodes listening on {@code ports}. */
  public static SwitchingProxy start(Vertx vertx, List<Integer> ports) {
    SwitchingProxy proxy = new SwitchingProxy(vertx, ports);
    TestHub.await(proxy.server.listen(0, "127.0.0.1"));
    return proxy;
  }

  /** Sends every later request to node {@code index}. */
  public void target(int index) {
    target.set(index);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** How many GET event streams are open through the proxy now. */
  public int openGetStreams() {
    return openGetStreams.get();
  }

  /** How many POSTs node {@code index} has not finished answering. */
  public int pendingPosts(int index) {
    return pendingPosts.get(index).get();
  }

  /** What the nodes' GET event streams carried so far. */
  public List<StreamChunk> streamed() {
    return streamed;
  }

  private void forward(HttpServerRequest request) {
    int node = target.get();
    RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1")
        .setPort(ports.get(node)).setURI(request.uri());
    request.headers().forEach(header -> {
      if (!"host".equalsIgnoreCase(header.getKey()) && !"content-length".equalsIgnoreCase(header.getKey())) {
        options.addHeader(header.getKey(), header.getValue());
      }
    });
    AtomicInteger pending = pendingPosts.get(node);
    boolean post = "POST".equals(request.method().name());
    if (post) {
      pending.incrementAndGet();
    }
    request.body()
        .compose(body -> client.request(options).compose(upstream -> upstream.send(body)))
        .onSuccess(response -> relay(request, response, node))
        .onFailure(error -> badGateway(request));
    if (post) {
      java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
      Runnable done = () -> {
        if (finished.compareAndSet(false, true)) {
          pending.decrementAndGet();
        }
      };
      request.response().endHandler(v -> done.run());
      request.connection().closeHandler(v -> done.run());
    }
  }

  private void relay(HttpServerRequest request, HttpClientResponse response, int node) {
    boolean getStream = request.method().name().equals("GET") && response.statusCode() == 200;
    request.response().setStatusCode(response.statusCode());
    response.headers().forEach(header -> {
      if (!"content-length".equalsIgnoreCase(header.getKey()) && !"transfer-encoding".equalsIgnoreCase(header.getKey())) {
        request.response().putHeader(header.getKey(), header.getValue());
      }
    });
    request.response().setChunked(true);
    if (getStream) {
      openGetStreams.incrementAndGet();
    }
    response.handler(chunk -> {
      if (getStream) {
        streamed.add(new StreamChunk(node, chunk.toString()));
      }
      request.response().write(chunk);
    });
    response.exceptionHandler(error -> {
      if (getStream) {
        openGetStreams.decrementAndGet();
      }
      request.connection().close();
    });
    response.endHandler(v -> {
      if (getStream) {
        openGetStreams.decrementAndGet();
      }
      request.response().end();
    });
    request.response().closeHandler(v -> response.request().reset());
  }

  private static void badGateway(HttpServerRequest request) {
    if (!request.response().headWritten()) {
      request.response().setStatusCode(502).end();
    } else {
      request.connection().close();
    }
  }

  @Override
  public void close() {
    TestHub.await(server.close());
    TestHub.await(client.close());
  }
}
