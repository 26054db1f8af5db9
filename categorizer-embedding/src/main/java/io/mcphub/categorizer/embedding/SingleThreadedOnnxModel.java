package io.mcphub.categorizer.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A sentence model from a LangChain4j artifact's resources, run by an ONNX Runtime session that computes on the
 * calling thread only. ONNX Runtime's default gives each session a pool of one thread per core whose idle threads spin
 * while they wait for work: on a small machine they took the cores from the hub's event loop (several times the model's
 * own CPU per prompt, and an analysis p99 of 60–200 ms on 2 shared cores). One thread per call computes a prompt in
 * 1.5–2 ms and a tool text in about 1.3 ms here; the hub's two embedding workers (prompts, catalog) each have their own.
 */
final class SingleThreadedOnnxModel extends AbstractInProcessEmbeddingModel {

  private final OnnxBertBiEncoder encoder;

  /**
   * @param modelResource the ONNX file's resource name in the artifact (e.g. {@code all-minilm-l6-v2-q.onnx})
   * @param tokenizerResource the tokenizer's resource name (e.g. {@code all-minilm-l6-v2-q-tokenizer.json})
   */
  SingleThreadedOnnxModel(String modelResource, String tokenizerResource) {
    super(Runnable::run);
    ClassLoader loader = SingleThreadedOnnxModel.class.getClassLoader();
    try (InputStream model = loader.getResourceAsStream(modelResource);
        InputStream tokenizer = loader.getResourceAsStream(tokenizerResource)) {
      if (model == null || tokenizer == null) {
        throw new IllegalStateException("the model's resources are missing from the classpath: " + modelResource + ", " + tokenizerResource);
      }
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load " + modelResource + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return 384;
  }
}
