package io.mcphub.categorizer.embedding;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.mcphub.categorizer.ToolCatalogListener;
import io.mcphub.categorizer.ToolDescriptor;
import io.mcphub.categorizer.ToolScore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scores a prompt's categories and tools by the cosine of sentence embeddings. Tools are embedded in the background
 * when the hub publishes its catalog ({@link ToolIndexer}, on its own worker, cached on disk); until they are, answers
 * carry no tool scores and the hub's lexical selection answers alone. A prompt is embedded on a second worker, so it
 * never waits behind a catalog being embedded, and never on the event loop. The first prompt starts the embedding
 * (unless {@link EmbeddingOptions#embedAtStart()}): a hub that analyzes no prompt never loads the model. Categories are scored by their name and
 * description on the same scale as tools ({@link Calibration} against the catalog's similarities to the prompt).
 * It does not say whether a request needs a tool at all ({@code toolNeed} stays absent).
 */
final class EmbeddingCategorizer implements Categorizer, ToolCatalogListener {

  static final String NAME = "embedding";
  /** Prompts longer than this are cut: the model reads at most 512 tokens, and the request's start says most. */
  static final int MAX_PROMPT_CHARS = 1_000;

  private final Vertx vertx;
  private final EmbeddingOptions options;
  private final Embedder embedder;
  private final CategoryVectors categories;
  private ToolIndexer indexer;
  private WorkerExecutor queries;
  private int pending;
  private long answered;
  private long refused;

  EmbeddingCategorizer(Vertx vertx, EmbeddingOptions options, Embedder embedder) {
    this.vertx = vertx;
    this.options = options;
    this.embedder = embedder;
    this.categories = new CategoryVectors(embedder);
  }

  /** Creates the two workers: one for the catalog, one for prompts. */
  void start() {
    queries = vertx.createSharedWorkerExecutor("mcp-hub-embedding-prompts", 1, 1, TimeUnit.MINUTES);
    indexer = new ToolIndexer(vertx, embedder, options);
    indexer.start();
    if (options.embedAtStart()) {
      indexer.activate();
    }
  }

  @Override
  public void toolsChanged(List<ToolDescriptor> tools) {
    indexer.update(tools);
  }

  @Override
  public Future<Categorization> categorize(CategorizationRequest request) {
    if (pending >= options.maxPending()) {
      refused++;
      return Future.failedFuture(new CategorizerException(CategorizerFailures.UNAVAILABLE,
          "embedding categorizer busy: " + pending + " prompts waiting"));
    }
    indexer.activate();
    ToolVectors tools = indexer.vectors();
    if (tools.size() == 0 && !embedder.loaded()) {
      // the first prompt after a start: the tools are not embedded and the model is still loading (seconds); the
      // hub's lexical selection answers alone rather than waiting out the scorer's timeout
      answered++;
      return Future.succeededFuture(new Categorization(NAME, embedder.modelId(), List.of(), "the model is loading; no tool embedded yet",
          0, null, List.of()));
    }
    pending++;
    String prompt = request.prompt().length() > MAX_PROMPT_CHARS ? request.prompt().substring(0, MAX_PROMPT_CHARS) : request.prompt();
    return queries.executeBlocking(() -> answer(prompt, request.categories(), tools), false)
        .eventually(() -> {
          pending--;
          return Future.succeededFuture();
        })
        .onSuccess(answer -> answered++);
  }

  /** Runs on the prompt worker. */
  private Categorization answer(String prompt, List<CategoryDefinition> requested, ToolVectors tools) {
    float[] vector = embedder.embed(prompt);
    categories.prepare(requested);
    ToolVectors.Scored scored = tools.score(vector, options.maxToolScores(), embedder.prior());
    Calibration calibration = scored.calibration() != null ? scored.calibration() : embedder.prior();
    List<CategoryScore> scores = new ArrayList<>();
    for (CategoryDefinition category : requested) {
      float[] categoryVector = categories.vector(category);
      if (categoryVector != null) {
        scores.add(new CategoryScore(category.name(), calibration.confidence(Vectors.dot(vector, categoryVector))));
      }
    }
    List<ToolScore> best = scored.tools();
    String reasoning = best.isEmpty() ? "no tool embedded yet"
        : "closest tools: " + String.join(", ", best.subList(0, Math.min(3, best.size())).stream().map(ToolScore::name).toList());
    return new Categorization(NAME, embedder.modelId(), scores, reasoning, 0, null, best);
  }

  @Override
  public JsonObject status() {
    return indexer.status().put("model", embedder.modelId()).put("promptsAnswered", answered)
        .put("promptsRefused", refused).put("promptsWaiting", pending);
  }

  @Override
  public Future<Void> close() {
    Future<Void> closedQueries = queries == null ? Future.succeededFuture() : queries.close();
    return closedQueries.eventually(() -> indexer == null ? Future.succeededFuture() : indexer.close());
  }
}
