package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerClient;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.tools.ToolCategorizer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code llmCategorization.categorizeTools}: asks the LLM provider, in the background, for the category of every tool
 * that neither a custom mapping nor its server's category decides. It offers the configured categories ({@code other}
 * excepted) and the category derived from the tool's server, described as the registry describes it: the answer says
 * whether the tool fits the taxonomy or stays with its server. At most {@value #CONCURRENCY} requests at a time,
 * at least {@value #MIN_INTERVAL_MS} ms apart; answers are applied live (sessions whose list changes are told) and kept
 * in {@code tool-categories.json} under the state directory for {@code cacheTTL} seconds ({@link LearnedCategoryStore}:
 * written atomically off the event loop, one write at a time, the latest state last). Never delays start-up, listing or
 * calls: until an answer arrives the tool rules decide.
 */
public final class ToolCategoryLearner {

  static final int CONCURRENCY = 2;
  static final long MIN_INTERVAL_MS = 200;
  static final long DEFAULT_TTL_SECONDS = 7 * 24 * 3_600;
  private static final Logger LOG = LoggerFactory.getLogger(ToolCategoryLearner.class);

  private final Vertx vertx;
  private final CatalogSource hub;
  private final FilteringOptions options;
  private final LearnedCategoryStore store;
  private final CategorizerClient provider;
  private final List<CategoryDefinition> taxonomy;
  private final long ttlMs;
  private final Deque<CatalogEntry> queue = new ArrayDeque<>();
  private final Set<String> pending = new HashSet<>();
  private JsonObject stored = new JsonObject();
  private int inFlight;
  private long lastRequestAt;
  private boolean writing;
  private boolean dirty;
  /** Set when the file exists but could not be read: writing would overwrite what it holds. */
  private boolean unreadable;

  public ToolCategoryLearner(Vertx vertx, CatalogSource hub, FilteringOptions options, Path stateDir) {
    this.vertx = vertx;
    this.hub = hub;
    this.options = options;
    this.store = new LearnedCategoryStore(stateDir.resolve("tool-categories.json"));
    this.provider = new CategorizerClient(vertx, options.llm().provider(), options.llm().timeoutMs());
    this.taxonomy = options.categories().stream().filter(c -> !Taxonomy.OTHER.equals(c.name()))
        .map(c -> new CategoryDefinition(c.name(), c.description())).toList();
    this.ttlMs = options.llm().config().getLong("cacheTTL", DEFAULT_TTL_SECONDS) * 1_000;
  }

  /** Whether the config asks for it: {@code categorizeTools: true} with an LLM provider. */
  public static boolean wanted(FilteringOptions options) {
    return options.llm().config().getBoolean("categorizeTools", false) && !PromptAnalyzer.HEURISTIC.equals(options.llm().provider());
  }

  /**
   * Loads earlier answers that have not expired. A missing file means starting afresh; an unusable one is kept aside by
   * the store (and named in a warning); an unreadable one is reported. Never fails.
   */
  public Future<Void> start() {
    return vertx.executeBlocking(store::load)
        .map(json -> {
          long now = System.currentTimeMillis();
          ToolCategorizer categorizer = hub.registry().toolCategorizer();
          json.forEach(entry -> {
            if (entry.getValue() instanceof JsonObject value && value.getValue("category") instanceof String category
                && value.getLong("learnedAt", 0L) + ttlMs > now) {
              stored.put(entry.getKey(), value);
              categorizer.learn(entry.getKey(), category);
            }
          });
          LOG.info("{} tool categories loaded from {}", stored.size(), store.path());
          return (Void) null;
        })
        .onFailure(error -> {
          unreadable = true;
          LOG.warn("cannot read {}: {}; learned categories are neither loaded nor written, so as not to overwrite it",
              store.path(), error.toString());
        })
        .otherwiseEmpty();
  }

  /** Queues the tools no answer covers yet; call after every registry change. */
  public void toolsChanged() {
    ToolCategorizer categorizer = hub.registry().toolCategorizer();
    for (CatalogEntry tool : hub.registry().tools()) {
      String key = ToolCategorizer.learningKey(tool.name(), tool.definition());
      if (categorizer.learnable(tool.upstream().name(), tool.name()) && !categorizer.knows(key) && pending.add(key)) {
        queue.add(tool);
      }
    }
    drain();
  }

  private void drain() {
    while (inFlight < CONCURRENCY && !queue.isEmpty()) {
      long wait = lastRequestAt + MIN_INTERVAL_MS - System.currentTimeMillis();
      if (wait > 0) {
        vertx.setTimer(wait, t -> drain());
        return;
      }
      CatalogEntry tool = queue.poll();
      inFlight++;
      lastRequestAt = System.currentTimeMillis();
      ask(tool).onComplete(done -> {
        inFlight--;
        drain();
      });
    }
  }

  private Future<Void> ask(CatalogEntry tool) {
    String description = tool.definition().getString("description", "");
    String prompt = "Which category does this MCP tool belong to? It is called by an assistant.\nTool name: "
        + tool.originalName() + "\nDescription: " + (description.length() > 2_000 ? description.substring(0, 2_000) : description);
    String key = ToolCategorizer.learningKey(tool.name(), tool.definition());
    return provider.categorize(new CategorizationRequest(prompt, "", categories(tool), "tool-categorization"))
        .compose(answer -> {
          CategoryScore best = answer.scores().isEmpty() ? null : answer.scores().get(0);
          if (best == null || best.confidence() < options.llm().confidenceThreshold()) {
            return Future.succeededFuture();
          }
          apply(key, tool, best.category());
          return persist();
        })
        .onFailure(error -> LOG.debug("could not categorize tool {}: {}", tool.name(), error.getMessage()))
        .otherwiseEmpty()
        .onComplete(done -> pending.remove(key));
  }

  /** The configured categories plus the tool's server's own, as the registry describes it now. */
  private List<CategoryDefinition> categories(CatalogEntry tool) {
    String derived = ToolCategorizer.derivedName(tool.upstream().name());
    List<CategoryDefinition> offered = new ArrayList<>(taxonomy);
    if (offered.stream().noneMatch(c -> c.name().equals(derived))) {
      offered.add(hub.registry().categories().definitions().stream().filter(c -> c.name().equals(derived)).findFirst()
          .orElseGet(() -> new CategoryDefinition(derived, "the tools of the " + tool.upstream().name() + " server")));
    }
    return offered;
  }

  private void apply(String key, CatalogEntry tool, String category) {
    hub.registry().toolCategorizer().learn(key, category);
    stored.put(key, new JsonObject().put("category", category).put("learnedAt", System.currentTimeMillis()));
    if (!category.equals(tool.category())) {
      LOG.info("tool {} is in category {} (was {}), says {}", tool.name(), category, tool.category(), provider.name());
      hub.recategorized();
    }
  }

  /**
   * Writes the current answers: one write at a time, off the event loop; changes made while a write runs are written
   * (once, all of them) right after it. Completes when the current state has been handed to a write; never fails.
   */
  private Future<Void> persist() {
    if (unreadable) {
      return Future.succeededFuture();
    }
    if (writing) {
      dirty = true;
      return Future.succeededFuture();
    }
    writing = true;
    dirty = false;
    Buffer content = stored.toBuffer();
    return vertx.executeBlocking(() -> {
      store.save(content);
      return (Void) null;
    }).onFailure(error -> LOG.warn("cannot write {}: {}", store.path(), error.toString()))
        .otherwiseEmpty()
        .onComplete(done -> {
          writing = false;
          if (dirty) {
            persist();
          }
        });
  }
}
