package io.mcphub.gateway.reliability;

import io.mcphub.gateway.categorize.LearnedCategoryStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The process {@link KillDuringWriteTest} kills: rewrites the learned-categories state file through the hub's own
 * persistence, generation after generation, printing {@code saving <generation>} before each save and
 * {@code wrote <generation>} after it has returned.
 */
public final class StateFileWriter {

  /** Categories per generation: enough that one save takes a while, so that a kill lands inside it. */
  static final int ENTRIES = 20_000;

  private StateFileWriter() {
  }

  public static void main(String[] args) throws IOException {
    LearnedCategoryStore store = new LearnedCategoryStore(Path.of(args[0]));
    long generation = Math.max(0, generationOf(store.load())) + 1;
    while (true) {
      Buffer content = content(generation).toBuffer();
      System.out.println("saving " + generation);
      System.out.flush();
      store.save(content);
      System.out.println("wrote " + generation);
      System.out.flush();
      generation++;
    }
  }

  static JsonObject content(long generation) {
    JsonObject entries = new JsonObject();
    for (int i = 0; i < ENTRIES; i++) {
      entries.put("server__tool_" + i + "#" + Integer.toHexString(i * 31),
          new JsonObject().put("category", "category-" + (i % 11)).put("learnedAt", generation));
    }
    return entries;
  }

  /** The generation of a complete file; -1 when it is empty, partial or mixed. */
  static long generationOf(JsonObject content) {
    if (content.size() != ENTRIES) {
      return -1;
    }
    long generation = -1;
    for (String key : content.fieldNames()) {
      Object value = content.getValue(key);
      long learnedAt = value instanceof JsonObject entry ? entry.getLong("learnedAt", -1L) : -1;
      if (learnedAt < 0 || generation >= 0 && learnedAt != generation) {
        return -1;
      }
      generation = learnedAt;
    }
    return generation;
  }
}
