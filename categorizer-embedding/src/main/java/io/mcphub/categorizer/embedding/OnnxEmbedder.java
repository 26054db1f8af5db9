package io.mcphub.categorizer.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A sentence model shipped inside a LangChain4j Maven artifact, run by ONNX Runtime in this process: nothing is
 * downloaded at run time. Loading takes about a second, so it happens on the first call (a worker), never in the
 * constructor's caller.
 */
final class OnnxEmbedder implements Embedder {

  /**
   * The models this module ships. bge-small-en-v1.5 (quantized, LangChain4j's artifact) was measured too: no better on
   * the dev set, twice as slow and 35 MB more in the jar, so it is not shipped (docs/tool-selection.md).
   */
  enum Model {
    /** all-MiniLM-L6-v2, int8-quantized: 6 layers, 384 dimensions, 23 MB of ONNX (Apache 2.0). */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q",
        () -> new SingleThreadedOnnxModel("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json"),
        new Calibration(0.02, 0.06));

    final String id;
    final Supplier<EmbeddingModel> loader;
    /** The usual spread of a request's similarities to tool texts, read off a catalog of 900 tools. */
    final Calibration prior;

    Model(String id, Supplier<EmbeddingModel> loader, Calibration prior) {
      this.id = id;
      this.loader = loader;
      this.prior = prior;
    }

    static Model byId(String id) {
      for (Model model : values()) {
        if (model.id.equals(id)) {
          return model;
        }
      }
      throw new IllegalArgumentException("unknown embedding model \"" + id + "\"; known: all-minilm-l6-v2-q");
    }
  }

  private final Model model;
  private volatile EmbeddingModel loaded;

  OnnxEmbedder(Model model) {
    this.model = model;
  }

  @Override
  public String modelId() {
    return model.id;
  }

  @Override
  public Calibration prior() {
    return model.prior;
  }

  @Override
  public boolean loaded() {
    return loaded != null;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(text -> TextSegment.from(text.isBlank() ? "?" : text)).toList();
    List<float[]> vectors = new ArrayList<>(texts.size());
    onnx().embedAll(segments).content().forEach(embedding -> vectors.add(Vectors.unit(embedding.vector())));
    return vectors;
  }

  private EmbeddingModel onnx() {
    EmbeddingModel current = loaded;
    if (current == null) {
      synchronized (this) {
        if (loaded == null) {
          loaded = model.loader.get();
        }
        current = loaded;
      }
    }
    return current;
  }
}
