package io.mcphub.gateway.jsonrpc;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A result whose JSON text is at hand, so that {@link JsonRpc#encode} splices {@link #encoded()} into the response
 * instead of serialising a tree: a cached {@code tools/list} (written once, sent many times), or an upstream's answer
 * forwarded as the text it arrived in ({@link #passThrough}). Read it like any {@code JsonObject}. A cached one is
 * shared by every session it is sent to: never change it.
 */
public final class EncodedResult extends JsonObject {

  private final String encoded;
  /** The content of a pass-through result, read from its text only when something looks inside; null otherwise. */
  private final LazyContent lazy;
  /** The UTF-8 of a built result's text, made when first sent; volatile, as a cached result is shared by event loops. */
  private volatile Buffer bytes;

  public EncodedResult(JsonObject content) {
    super(content.getMap());
    this.encoded = content.encode();
    this.lazy = null;
  }

  private EncodedResult(Map<String, Object> content, String encoded, LazyContent lazy) {
    super(content);
    this.encoded = encoded;
    this.lazy = lazy;
  }

  /**
   * A result sent on as {@code text}, the JSON object an upstream wrote (already checked to be one, e.g. by
   * {@link ResponseLine}). Nothing is parsed unless the hub reads the result; once it has, the result may have been
   * changed, so it is sent as the tree it now is.
   */
  public static EncodedResult passThrough(String text) {
    LazyContent content = new LazyContent(text);
    return new EncodedResult(content, text, content);
  }

  /**
   * This result with more top-level fields, none of which it has yet: the text is spliced, not written again (a
   * 2026-07-28 envelope around a cached tool list).
   */
  public EncodedResult with(JsonObject more) {
    Map<String, Object> content = new LinkedHashMap<>(getMap());
    content.putAll(more.getMap());
    String text = encoded();
    if (more.isEmpty()) {
      return new EncodedResult(content, text, null);
    }
    String fields = more.encode();
    String joined = text.length() <= 2 ? fields : text.substring(0, text.length() - 1) + "," + fields.substring(1);
    return new EncodedResult(content, joined, null);
  }

  /** The JSON text of this result: as it was made or received, or written now if a pass-through one was read. */
  public String encoded() {
    return lazy != null && lazy.opened() ? encode() : encoded;
  }

  /**
   * The UTF-8 of {@link #encoded()}. A built result (a cached list, sent many times) keeps it once made; a pass-through
   * result is sent once, so its bytes are not kept.
   */
  public Buffer bytes() {
    if (lazy != null) {
      return Buffer.buffer(encoded());
    }
    Buffer kept = bytes;
    if (kept == null) {
      kept = Buffer.buffer(encoded);
      bytes = kept;
    }
    return kept;
  }

  /**
   * The members of a pass-through result, read from its text on first use. A {@code LinkedHashMap} (Vert.x keeps the
   * order of members only for those when it copies) that fills itself before any of its methods answers, so no reader
   * ever sees it empty.
   */
  private static final class LazyContent extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private final String text;
    private boolean opened;

    LazyContent(String text) {
      this.text = text;
    }

    boolean opened() {
      return opened;
    }

    @SuppressWarnings("unchecked")
    private void open() {
      if (!opened) {
        opened = true;
        super.putAll(Json.CODEC.fromString(text, Map.class));
      }
    }

    @Override
    public int size() {
      open();
      return super.size();
    }

    @Override
    public boolean isEmpty() {
      open();
      return super.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
      open();
      return super.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
      open();
      return super.containsValue(value);
    }

    @Override
    public Object get(Object key) {
      open();
      return super.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object fallback) {
      open();
      return super.getOrDefault(key, fallback);
    }

    @Override
    public Object put(String key, Object value) {
      open();
      return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ?> more) {
      open();
      super.putAll(more);
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
      open();
      return super.putIfAbsent(key, value);
    }

    @Override
    public Object remove(Object key) {
      open();
      return super.remove(key);
    }

    @Override
    public boolean remove(Object key, Object value) {
      open();
      return super.remove(key, value);
    }

    @Override
    public Object replace(String key, Object value) {
      open();
      return super.replace(key, value);
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
      open();
      return super.replace(key, oldValue, newValue);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
      open();
      super.replaceAll(function);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> function) {
      open();
      return super.computeIfAbsent(key, function);
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function) {
      open();
      return super.computeIfPresent(key, function);
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
      open();
      return super.compute(key, function);
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
      open();
      return super.merge(key, value, function);
    }

    @Override
    public void clear() {
      open();
      super.clear();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      open();
      super.forEach(action);
    }

    @Override
    public Set<String> keySet() {
      open();
      return super.keySet();
    }

    @Override
    public Collection<Object> values() {
      open();
      return super.values();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      open();
      return super.entrySet();
    }

    @Override
    public boolean equals(Object other) {
      open();
      return super.equals(other);
    }

    @Override
    public int hashCode() {
      open();
      return super.hashCode();
    }

    @Override
    public String toString() {
      open();
      return super.toString();
    }

    @Override
    public Object clone() {
      open();
      return new LinkedHashMap<>(this);
    }
  }
}
