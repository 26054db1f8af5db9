package io.mcphub.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OTLP/HTTP traces receiver on loopback: accepts {@code POST /v1/traces} in the protobuf encoding (the exporter's
 * default) and decodes the spans with a minimal reader of the protobuf wire format (opentelemetry-proto's
 * {@code ExportTraceServiceRequest}; only the fields the tests read).
 */
public final class OtlpReceiver implements AutoCloseable {

  /** A received span; ids in lowercase hex, {@code parentSpanId} empty for a root span. */
  public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, int kind,
      Map<String, String> attributes, int statusCode, Map<String, String> resource) {

    public static final int KIND_INTERNAL = 1;
    public static final int KIND_SERVER = 2;
    public static final int KIND_CLIENT = 3;
    public static final int STATUS_ERROR = 2;
  }

  private final Vertx vertx;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final AtomicInteger posts = new AtomicInteger();
  private HttpServer server;

  private OtlpReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A receiver listening on a free loopback port. */
  public static OtlpReceiver start() {
    OtlpReceiver receiver = new OtlpReceiver(Vertx.vertx());
    receiver.server = TestHub.await(receiver.vertx.createHttpServer().requestHandler(request -> {
      if (!"POST".equals(request.method().name()) || !"/v1/traces".equals(request.path())) {
        request.response().setStatusCode(404).end();
        return;
      }
      request.body().onSuccess(body -> {
        receiver.posts.incrementAndGet();
        try {
          receiver.spans.addAll(decode(body));
        } catch (RuntimeException e) {
          request.response().setStatusCode(400).end("undecodable: " + e);
          return;
        }
        request.response().putHeader("Content-Type", "application/x-protobuf").end(Buffer.buffer());
      });
    }).listen(0, "127.0.0.1"));
    return receiver;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1/traces";
  }

  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** How many export requests arrived. */
  public int posts() {
    return posts.get();
  }

  @Override
  public void close() {
    TestHub.await(vertx.close());
  }

  static List<ReceivedSpan> decode(Buffer body) {
    List<ReceivedSpan> decoded = new ArrayList<>();
    for (byte[] resourceSpans : Proto.parse(body.getBytes()).bytes(1)) {
      Proto resourceSpansMessage = Proto.parse(resourceSpans);
      Map<String, String> resource = new LinkedHashMap<>();
      for (byte[] resourceMessage : resourceSpansMessage.bytes(1)) {
        resource.putAll(attributes(Proto.parse(resourceMessage), 1));
      }
      for (byte[] scopeSpans : resourceSpansMessage.bytes(2)) {
        for (byte[] span : Proto.parse(scopeSpans).bytes(2)) {
          decoded.add(span(Proto.parse(span), resource));
        }
      }
    }
    return decoded;
  }

  private static ReceivedSpan span(Proto span, Map<String, String> resource) {
    HexFormat hex = HexFormat.of();
    List<byte[]> parent = span.bytes(4);
    List<byte[]> status = span.bytes(15);
    int statusCode = status.isEmpty() ? 0 : (int) Proto.parse(status.get(0)).number(3);
    return new ReceivedSpan(hex.formatHex(span.bytes(1).get(0)), hex.formatHex(span.bytes(2).get(0)),
        parent.isEmpty() ? "" : hex.formatHex(parent.get(0)), span.string(5), (int) span.number(6), attributes(span, 9),
        statusCode, resource);
  }

  /** The {@code KeyValue}s in {@code field} (9 of a span, 1 of a resource), values as text. */
  private static Map<String, String> attributes(Proto message, int field) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (byte[] keyValue : message.bytes(field)) {
      Proto pair = Proto.parse(keyValue);
      List<byte[]> value = pair.bytes(2);
      if (pair.bytes(1).isEmpty() || value.isEmpty()) {
        continue;
      }
      Proto any = Proto.parse(value.get(0));
      String text = !any.bytes(1).isEmpty() ? any.string(1) : any.has(2) ? String.valueOf(any.number(2) != 0)
          : String.valueOf(any.number(3));
      attributes.put(pair.string(1), text);
    }
    return attributes;
  }

  /** One protobuf message: its fields by number, varints and fixed values as numbers, length-delimited as bytes. */
  private record Proto(Map<Integer, List<Object>> fields) {

    static Proto parse(byte[] data) {
      Map<Integer, List<Object>> fields = new LinkedHashMap<>();
      int[] at = {0};
      while (at[0] < data.length) {
        long key = varint(data, at);
        int field = (int) (key >>> 3);
        Object value = switch ((int) (key & 7)) {
          case 0 -> varint(data, at);
          case 1 -> fixed(data, at, 8);
          case 5 -> fixed(data, at, 4);
          case 2 -> {
            int length = (int) varint(data, at);
            byte[] bytes = java.util.Arrays.copyOfRange(data, at[0], at[0] + length);
            at[0] += length;
            yield bytes;
          }
          default -> throw new IllegalArgumentException("unsupported wire type in field " + field);
        };
        fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
      }
      return new Proto(fields);
    }

    boolean has(int field) {
      return fields.containsKey(field);
    }

    List<byte[]> bytes(int field) {
      return fields.getOrDefault(field, List.of()).stream().filter(byte[].class::isInstance).map(byte[].class::cast).toList();
    }

    String string(int field) {
      List<byte[]> values = bytes(field);
      return values.isEmpty() ? "" : new String(values.get(0), java.nio.charset.StandardCharsets.UTF_8);
    }

    long number(int field) {
      List<Object> values = fields.getOrDefault(field, List.of());
      return values.isEmpty() ? 0 : (Long) values.get(0);
    }

    private static long varint(byte[] data, int[] at) {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = data[at[0]++];
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    private static long fixed(byte[] data, int[] at, int size) {
      long value = 0;
      for (int i = 0; i < size; i++) {
        value |= (long) (data[at[0]++] & 0xff) << (8 * i);
      }
      return value;
    }
  }
}
