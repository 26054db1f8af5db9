package io.mcphub.gateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

/** A reference MCP server run as its own HTTP process on a free loopback port (for remote-upstream tests). */
public final class NodeServer implements AutoCloseable {

  private final Process process;
  private final int port;

  private NodeServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts server-everything in {@code mode} ({@code streamableHttp} or {@code sse}) on {@code port} (0 = any free). */
  public static NodeServer everything(String mode, int port) throws IOException, InterruptedException {
    int chosen = port == 0 ? freePort() : port;
    Path script = TestHub.NODE_MODULES.resolve("@modelcontextprotocol/server-everything/dist/index.js");
    ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString(), mode))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PORT", String.valueOf(chosen));
    NodeServer server = new NodeServer(builder.start(), chosen);
    try {
      server.awaitListening();
    } catch (InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Starts the MCP 2026-07-28 fixture ({@code modern-server.mjs}, on the v2 TypeScript SDK) in {@code mode}:
   * {@code modern} (modern-only) or {@code dual} (dual-era).
   */
  public static NodeServer modern(String mode) throws IOException, InterruptedException {
    int chosen = freePort();
    Path script = TestHub.NODE_MODULES.getParent().resolve("modern-server.mjs");
    ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString(), mode, String.valueOf(chosen)))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    NodeServer server = new NodeServer(builder.start(), chosen);
    try {
      server.awaitListening();
    } catch (InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void awaitListening() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the node server exited with " + process.exitValue());
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("the node server did not listen on " + port);
  }

  public static int freePort() throws IOException {
    return freePorts(1).get(0);
  }

  /** {@code count} distinct free loopback ports (all held open while chosen, so none is chosen twice). */
  public static java.util.List<Integer> freePorts(int count) throws IOException {
    java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /** Stops the server and anything it started, and waits until they have exited (also after an interrupt). */
  @Override
  public void close() {
    ChildProcesses.stop(process);
  }
}
