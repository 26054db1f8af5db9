package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.StateFile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tool-categories.json} on disk: the learned categories, one entry per learning key. Written atomically through
 * {@link StateFile}; an empty or unreadable file found at load is kept aside ({@code …corrupt-<timestamp>}) with a
 * warning naming it, so that nothing learned is overwritten unseen. Blocking: used from worker threads.
 */
public final class LearnedCategoryStore {

  private static final Logger LOG = LoggerFactory.getLogger(LearnedCategoryStore.class);

  private final StateFile file;

  public LearnedCategoryStore(Path file) {
    this.file = new StateFile(file);
  }

  public Path path() {
    return file.path();
  }

  /** Replaces the stored entries with {@code content} (a JSON object), atomically. */
  public void save(Buffer content) throws IOException {
    file.write(content.getBytes());
  }

  /** The stored entries; none when there is no file, or when it was unusable and has been kept aside. */
  public JsonObject load() throws IOException {
    Optional<byte[]> content = file.read();
    if (content.isEmpty()) {
      return new JsonObject();
    }
    Object decoded;
    try {
      decoded = content.get().length == 0 ? null : Json.decodeValue(Buffer.buffer(content.get()));
    } catch (DecodeException e) {
      decoded = null;
    }
    if (decoded instanceof JsonObject entries) {
      return entries;
    }
    Path aside = file.keepAside();
    LOG.warn("{} was {} ({} bytes); kept aside as {}; learning starts afresh", file.path(),
        content.get().length == 0 ? "empty" : "not a JSON object", content.get().length, aside);
    return new JsonObject();
  }
}
