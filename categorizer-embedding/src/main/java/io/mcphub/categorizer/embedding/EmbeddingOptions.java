package io.mcphub.categorizer.embedding;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The embedding categorizer's settings, read from the config the hub hands its factory.
 *
 * @param model the sentence model ({@code model}): {@value #DEFAULT_MODEL}, the one shipped
 * @param stateDir where tool vectors are cached ({@code stateDir}; the hub passes its state directory); null keeps
 *     them in memory only
 * @param maxToolScores how many tools one answer scores, best first ({@code maxToolScores}, 1–100)
 * @param batchSize how many tool texts one inference call embeds in the background ({@code batchSize}, 1–256)
 * @param maxPending how many prompts may wait for the model at once; more are refused as unavailable
 *     ({@code maxPending}, 1–1,024), so a burst cannot queue without bound
 * @param embedAtStart whether the model is loaded and the catalog embedded as soon as tools appear
 *     ({@code embedAtStart}); by default that waits for the first prompt, so a hub that never analyzes a prompt never
 *     holds the model (about 100 MB of native memory), and the first prompts are answered by the lexical selection alone
 */
public record EmbeddingOptions(String model, Path stateDir, int maxToolScores, int batchSize, int maxPending, boolean embedAtStart) {

  public static final String DEFAULT_MODEL = "all-minilm-l6-v2-q";
  public static final int DEFAULT_MAX_TOOL_SCORES = 50;
  public static final int DEFAULT_BATCH_SIZE = 16;
  public static final int DEFAULT_MAX_PENDING = 64;

  public EmbeddingOptions {
    maxToolScores = clamp(maxToolScores, 1, io.mcphub.categorizer.Categorization.MAX_TOOL_SCORES);
    batchSize = clamp(batchSize, 1, 256);
    maxPending = clamp(maxPending, 1, 1_024);
  }

  public static EmbeddingOptions fromJson(JsonObject json) {
    JsonObject config = json == null ? new JsonObject() : json;
    Object dir = config.getValue("stateDir");
    return new EmbeddingOptions(config.getValue("model") instanceof String model ? model : DEFAULT_MODEL, dir instanceof String path && !path.isBlank() ? Path.of(path) : null,
        integer(config, "maxToolScores", DEFAULT_MAX_TOOL_SCORES), integer(config, "batchSize", DEFAULT_BATCH_SIZE),
        integer(config, "maxPending", DEFAULT_MAX_PENDING), Boolean.TRUE.equals(config.getValue("embedAtStart")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("model", model).put("stateDir", stateDir == null ? null : stateDir.toString()).put("maxToolScores", maxToolScores)
        .put("batchSize", batchSize).put("maxPending", maxPending).put("embedAtStart", embedAtStart);
  }

  private static int integer(JsonObject config, String key, int fallback) {
    return config.getValue(key) instanceof Number number ? number.intValue() : fallback;
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
