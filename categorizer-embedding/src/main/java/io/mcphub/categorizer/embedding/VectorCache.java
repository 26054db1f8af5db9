package io.mcphub.categorizer.embedding;

import io.mcphub.categorizer.StateFile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Tool vectors on disk, one file per model ({@code embeddings-<model>.bin} in the state directory), keyed by the
 * SHA-256 of the embedded text: a restart re-embeds nothing, a changed description is embedded anew. Written whole
 * through {@link StateFile}, so a crash leaves the old or the new file. Layout: magic,
 * model id, dimension, count, then per entry its 32-byte hash and its floats, then a CRC-32 of everything before it.
 * A file that does not parse is kept aside ({@code …corrupt-<timestamp>}) and the cache starts empty: it is rebuilt,
 * never fatal. Every method blocks: call it from a worker.
 */
final class VectorCache {

  private static final byte[] MAGIC = "MCPHEMB1".getBytes(StandardCharsets.US_ASCII);
  private static final int HASH_BYTES = 32;
  /** The most entries a file holds (about 15 MB at 384 dimensions). */
  static final int MAX_ENTRIES = 10_000;

  private final StateFile file;
  private final String modelId;

  VectorCache(Path dir, String modelId) {
    this.file = new StateFile(dir.resolve("embeddings-" + modelId.replaceAll("[^A-Za-z0-9._-]", "_") + ".bin"));
    this.modelId = modelId;
  }

  Path path() {
    return file.path();
  }

  /** What the file holds, keyed by text hash; empty when there is no file, or when it was unusable (kept aside). */
  Map<String, float[]> load() throws IOException {
    java.util.Optional<byte[]> bytes = file.read();
    if (bytes.isEmpty()) {
      return new HashMap<>();
    }
    try {
      return parse(bytes.get());
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw new CorruptCacheException(file.keepAside(), e.getMessage());
    }
  }

  private Map<String, float[]> parse(byte[] bytes) {
    if (bytes.length < MAGIC.length + 4) {
      throw new IllegalArgumentException("too short");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if ((int) crc.getValue() != buffer.getInt(bytes.length - 4)) {
      throw new IllegalArgumentException("checksum mismatch");
    }
    byte[] magic = new byte[MAGIC.length];
    buffer.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException("not a vector cache");
    }
    byte[] model = new byte[buffer.getShort()];
    buffer.get(model);
    int dimension = buffer.getInt();
    int count = buffer.getInt();
    if (!modelId.equals(new String(model, StandardCharsets.UTF_8)) || dimension < 1 || dimension > 4_096
        || count < 0 || count > MAX_ENTRIES) {
      throw new IllegalArgumentException("another model, or an impossible size");
    }
    Map<String, float[]> entries = new HashMap<>();
    byte[] hash = new byte[HASH_BYTES];
    for (int i = 0; i < count; i++) {
      buffer.get(hash);
      float[] vector = new float[dimension];
      buffer.asFloatBuffer().get(vector);
      buffer.position(buffer.position() + dimension * Float.BYTES);
      entries.put(java.util.HexFormat.of().formatHex(hash), vector);
    }
    return entries;
  }

  /** Replaces the file with {@code entries} (at most {@link #MAX_ENTRIES}), atomically. */
  void write(Map<String, float[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    byte[] model = modelId.getBytes(StandardCharsets.UTF_8);
    int dimension = entries.values().stream().findFirst().map(v -> v.length).orElse(1);
    int count = Math.min(MAX_ENTRIES, entries.size());
    out.write(MAGIC);
    out.writeShort(model.length);
    out.write(model);
    out.writeInt(dimension);
    out.writeInt(count);
    int written = 0;
    for (Map.Entry<String, float[]> entry : entries.entrySet()) {
      if (written++ == count) {
        break;
      }
      out.write(java.util.HexFormat.of().parseHex(entry.getKey()));
      for (float value : entry.getValue()) {
        out.writeFloat(value);
      }
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    file.write(bytes.toByteArray());
  }

  /** The cache file did not parse; it was moved to {@code aside}. */
  static final class CorruptCacheException extends IOException {
    CorruptCacheException(Path aside, String reason) {
      super("unusable vector cache (" + reason + "), kept aside as " + aside);
    }
  }
}
