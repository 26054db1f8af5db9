package io.mcphub.gateway.mcp;

import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategoryScore;
import io.mcphub.categorizer.Secrets;
import io.mcphub.gateway.categorize.Analysis;
import io.mcphub.gateway.categorize.PromptAnalyzer;
import io.mcphub.gateway.categorize.ToolMentions;
import io.mcphub.gateway.categorize.ToolSelection;
import io.mcphub.gateway.config.Taxonomy;
import io.mcphub.gateway.exposure.ExposureHandle;
import io.mcphub.gateway.exposure.ExposureHandles;
import io.mcphub.gateway.exposure.ExposurePolicy;
import io.mcphub.gateway.jsonrpc.McpException;
import io.mcphub.gateway.jsonrpc.McpMethods;
import io.mcphub.gateway.jsonrpc.Modern;
import io.mcphub.gateway.redact.Redaction;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.metrics.HubMetrics;
import io.mcphub.gateway.tools.CapabilityRegistry;
import io.mcphub.gateway.tools.CatalogEntry;
import io.mcphub.gateway.tools.ToolIndex;
import io.mcphub.gateway.tools.Sha256;
import io.mcphub.gateway.tools.ToolMatch;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own tools (category {@code meta}): {@code hub__analyze_prompt} exposes the categories a prompt
 * needs, {@code hub__search_tools} returns the definitions of the tools that best match a query without changing
 * what is exposed, {@code hub__call_tool} calls any tool the mode allows even before it is listed, and
 * {@code hub__reset_exposure} returns to the default exposure. Failures are {@code isError} results.
 *
 * <p>Every analysis mints an {@code exposureId} ({@link ExposureHandle}): the selection behind a handle, for clients
 * whose list must not change (2026-07-28 requests, view URLs) and for anyone who opens the selection as a view
 * ({@code /mcp/views/{id}}). Sessions whose exposure is {@linkplain ExposurePolicy#fixed fixed} get the handle only:
 * their list stays as it is and they are sent no {@code list_changed}.
 */
final class MetaTools {

  static final String ANALYZE = "hub__analyze_prompt";
  static final String CALL = "hub__call_tool";
  static final String RESET = "hub__reset_exposure";
  static final String SEARCH = "hub__search_tools";
  /** How many tools {@code hub__search_tools} returns when the caller gives no {@code limit}, and at most. */
  static final int DEFAULT_SEARCH_LIMIT = 10;
  static final int MAX_SEARCH_LIMIT = 50;
  /** How many index matches an analysis weighs, per tool it may expose, and at least. */
  private static final int CANDIDATES_PER_TOOL = 5;
  private static final int MIN_CANDIDATES = 100;
  /** How many tools the text summary of a result lists (all of them are in {@code structuredContent.tools}). */
  private static final int SUMMARY_TOOLS = 20;
  /** How much of a tool's description the text summary of a result shows. */
  private static final int SUMMARY_DESCRIPTION_CHARS = 120;
  /** The longest {@code exposureId} worth looking up (the hub's are 22 characters); longer ones are not echoed. */
  private static final int MAX_EXPOSURE_ID_CHARS = ExposureHandles.MAX_SHOWN_ID_CHARS;
  private static final String HANDLE_LIFETIME = ExposureHandles.DEFAULT_TTL.toMinutes() + " minutes";
  private static final Logger LOG = LoggerFactory.getLogger(MetaTools.class);

  private final CapabilityRegistry registry;
  private final ToolIndex toolIndex;
  private final Forwarding forwarding;
  private final SessionToolLists lists;
  private final java.util.function.Supplier<HubMetrics> metrics;
  private final ExposurePolicy policy;
  private final java.util.function.Supplier<PromptAnalyzer> analyzer;
  private final boolean debugDecisions;
  /** The registry's tool list the mention index was built from (confined to the hub's context). */
  private Iterable<CatalogEntry> namesOf;
  private ToolMentions.Names names;
  private final Map<String, Function<McpRequest, Future<JsonObject>>> handlers = Map.of(
      ANALYZE, this::analyze, SEARCH, this::search, CALL, this::call, RESET, this::reset);

  /**
   * @param lists what sessions list, and how they hear of a change (the hub)
   * @param metrics where exposure changes are counted (set on the hub before it serves)
   */
  MetaTools(CapabilityRegistry registry, ToolIndex toolIndex, Forwarding forwarding, SessionToolLists lists,
      java.util.function.Supplier<HubMetrics> metrics, ExposurePolicy policy,
      java.util.function.Supplier<PromptAnalyzer> analyzer, boolean debugDecisions) {
    this.registry = registry;
    this.toolIndex = toolIndex;
    this.forwarding = forwarding;
    this.lists = lists;
    this.metrics = metrics;
    this.policy = policy;
    this.analyzer = analyzer;
    this.debugDecisions = debugDecisions;
  }

  boolean handles(String name) {
    return policy.promptBased() && handlers.containsKey(name);
  }

  Future<JsonObject> call(String name, McpRequest request) {
    return handlers.get(name).apply(request);
  }

  /** The meta tools' definitions, as listed. */
  static List<JsonObject> definitions() {
    return List.of(
        tool(ANALYZE, "Analyze prompt and expose tools",
            "Call this first with the user's request. The hub works out which kinds of tools the request needs "
                + "(files, web, search, database, git, containers, cloud, development, messaging, memory) and adds those "
                + "tools to your tool list, then tells you the list changed. Call it again whenever the conversation "
                + "needs a different kind of tool. Returns the categories with their confidence, the selected tools' full "
                + "definitions, and an exposureId (valid for " + HANDLE_LIFETIME + ") to pass to hub__call_tool; the "
                + "selection is also served as its own MCP server at the returned view path (/mcp/views/<exposureId>).",
            new JsonObject().put("type", "object").put("properties", new JsonObject()
                    .put("prompt", new JsonObject().put("type", "string").put("maxLength", CategorizationRequest.MAX_PROMPT_CHARS)
                        .put("description", "The user's request, in their words."))
                    .put("context", new JsonObject().put("type", "string")
                        .put("description", "Optional: a short summary of the conversation so far, if it clarifies the request.")))
                .put("required", new JsonArray().add("prompt")),
            false),
        tool(SEARCH, "Search tools",
            "Finds the tools that best match what you need to do, best first, with their full definitions and a "
                + "confidence, without changing your tool list. Call any of them with hub__call_tool.",
            new JsonObject().put("type", "object").put("properties", new JsonObject()
                    .put("query", new JsonObject().put("type", "string").put("maxLength", CategorizationRequest.MAX_PROMPT_CHARS)
                        .put("description", "What you need to do, in plain words, e.g. \"post a message to a Slack channel\"."))
                    .put("limit", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", MAX_SEARCH_LIMIT)
                        .put("default", DEFAULT_SEARCH_LIMIT).put("description", "How many tools to return at most.")))
                .put("required", new JsonArray().add("query")),
            true),
        tool(CALL, "Call any tool by name",
            "Calls an upstream tool by its full name (server__tool) with its arguments, even if it is not in your tool "
                + "list yet. Use it when your client does not refresh its tool list after hub__analyze_prompt. Pass the "
                + "exposureId hub__analyze_prompt returned: an unknown or expired one is refused (analyze again for a new one).",
            new JsonObject().put("type", "object").put("properties", new JsonObject()
                    .put("name", new JsonObject().put("type", "string").put("description", "The tool's full name, e.g. filesystem__read_file."))
                    .put("arguments", new JsonObject().put("type", "object").put("description", "The tool's arguments."))
                    .put("exposureId", new JsonObject().put("type", "string").put("maxLength", MAX_EXPOSURE_ID_CHARS)
                        .put("description", "Optional: the exposureId of the analysis that selected the tool (valid for "
                            + HANDLE_LIFETIME + ").")))
                .put("required", new JsonArray().add("name")),
            false),
        tool(RESET, "Reset exposed tools",
            "Removes the tools that earlier analyses added to your list and returns to the default set. Use it when the "
                + "conversation moves to an unrelated task.",
            new JsonObject().put("type", "object").put("properties", new JsonObject()),
            true));
  }

  private Future<JsonObject> analyze(McpRequest request) {
    JsonObject arguments = arguments(request);
    Object prompt = arguments.getValue("prompt");
    Object context = arguments.getValue("context");
    if (!(prompt instanceof String text) || text.isBlank()) {
      return Future.succeededFuture(toolError("prompt must be a non-empty string: the user's request"));
    }
    if (context != null && !(context instanceof String)) {
      return Future.succeededFuture(toolError("context must be a string (the conversation so far), or left out"));
    }
    String tooLong = text.length() > CategorizationRequest.MAX_PROMPT_CHARS ? "prompt"
        : context instanceof String c && c.length() > CategorizationRequest.MAX_PROMPT_CHARS ? "context" : null;
    if (tooLong != null) {
      int length = "prompt".equals(tooLong) ? text.length() : ((String) context).length();
      return Future.succeededFuture(toolError(tooLong + " has " + length + " characters; the limit is "
          + CategorizationRequest.MAX_PROMPT_CHARS + " (32 KiB). Send the request itself, not whole documents."));
    }
    Session session = request.session();
    return analyzer.get().analyze(text, context instanceof String c ? c : "", session.handle())
        .map(decided -> decide(text, decided, session))
        .map(decision -> {
          List<String> selected = decision.tools().stream().map(t -> t.tool().name()).toList();
          ExposureHandle minted = policy.handles().mint(session.owner(), decision.analysis().exposed(), selected);
          List<String> after = changeExposure(request, () -> policy.expose(session, decision.analysis().exposed(), selected));
          log(text, decision.analysis());
          return analysisResult(decision, after, new Minted(minted, policy.fixed(session)));
        })
        .recover(error -> Future.succeededFuture(toolError("prompt analysis failed: "
            + Secrets.redact(String.valueOf(error.getMessage())))));
  }

  /** The handle an analysis minted, and whether the analysing session's list stays as it was. */
  private record Minted(ExposureHandle handle, boolean listFixed) {
  }

  /** An analysis (categories, with those of tools the prompt named) and the tools it selected. */
  private record Decision(Analysis analysis, List<ToolSelection.SelectedTool> tools, double need) {
  }

  /**
   * Combines the categorizer's answer, the tools the prompt names and the tool index into the tools to expose, chosen
   * among the tools the session's grant allows.
   */
  private Decision decide(String prompt, Analysis decided, Session session) {
    Map<String, java.util.Set<String>> mentioned = ToolMentions.in(prompt, toolNames());
    java.util.Set<String> named = new java.util.HashSet<>();
    mentioned.values().forEach(named::addAll);
    int maxTools = policy.options().maxTools();
    List<ToolMatch> matches = toolIndex.search(prompt, Math.max(MIN_CANDIDATES, CANDIDATES_PER_TOOL * maxTools));
    ToolSelection.Evidence evidence = new ToolSelection.Evidence(decided, named, matches);
    List<ToolSelection.SelectedTool> tools = ToolSelection.select(evidence, grantedTools(session), maxTools);
    return new Decision(decided.withMentionedTools(mentioned), tools, evidence.need());
  }

  private Iterable<CatalogEntry> grantedTools(Session session) {
    if (session.grant().everything()) {
      return registry.tools();
    }
    List<CatalogEntry> granted = new java.util.ArrayList<>();
    registry.tools().forEach(tool -> {
      if (policy.granted(session, tool)) {
        granted.add(tool);
      }
    });
    return granted;
  }

  /** The names prompts may mention, rebuilt when the registry's tool list is a new one. */
  private ToolMentions.Names toolNames() {
    Iterable<CatalogEntry> tools = registry.tools();
    if (tools != namesOf) {
      names = ToolMentions.names(tools);
      namesOf = tools;
    }
    return names;
  }

  private Future<JsonObject> search(McpRequest request) {
    JsonObject arguments = arguments(request);
    Object query = arguments.getValue("query");
    Object limit = arguments.getValue("limit") == null ? DEFAULT_SEARCH_LIMIT : arguments.getValue("limit");
    if (!(query instanceof String text) || text.isBlank()) {
      return Future.succeededFuture(toolError("query must be a non-empty string: what you need to do"));
    }
    if (text.length() > CategorizationRequest.MAX_PROMPT_CHARS) {
      return Future.succeededFuture(toolError("query has " + text.length() + " characters; the limit is "
          + CategorizationRequest.MAX_PROMPT_CHARS));
    }
    if (!(limit instanceof Integer || limit instanceof Long) || ((Number) limit).longValue() < 1
        || ((Number) limit).longValue() > MAX_SEARCH_LIMIT) {
      return Future.succeededFuture(toolError("limit must be an integer from 1 to " + MAX_SEARCH_LIMIT));
    }
    List<JsonObject> found = new java.util.ArrayList<>();
    for (ToolMatch match : toolIndex.search(text, ((Number) limit).intValue())) {
      CatalogEntry tool = registry.tool(match.name());
      if (tool != null && policy.callable(request.session(), tool)) {
        found.add(withConfidence(tool.definition(), match.confidence()));
      }
    }
    return Future.succeededFuture(new JsonObject().put("content", new JsonArray().add(text(toolSummary(found))))
        .put("structuredContent", new JsonObject().put("query", text).put("tools", new JsonArray(found))));
  }

  /** One line per tool — name, confidence, the first sentence of its description — for a model reading the text. */
  static String toolSummary(List<JsonObject> tools) {
    if (tools.isEmpty()) {
      return "No tool matches; try other words, or answer directly.";
    }
    StringBuilder summary = new StringBuilder("Tools (call them with hub__call_tool; full definitions in structuredContent.tools):");
    for (JsonObject tool : tools.subList(0, Math.min(tools.size(), SUMMARY_TOOLS))) {
      String description = tool.getValue("description") instanceof String d ? firstSentence(d) : "";
      summary.append(String.format(java.util.Locale.ROOT, "%n- %s (%.2f)%s", tool.getString("name"), tool.getDouble("confidence"),
          description.isEmpty() ? "" : ": " + description));
    }
    if (tools.size() > SUMMARY_TOOLS) {
      summary.append(String.format(java.util.Locale.ROOT, "%n- also (definitions in structuredContent.tools): %s",
          String.join(", ", tools.subList(SUMMARY_TOOLS, tools.size()).stream().map(tool -> tool.getString("name")).toList())));
    }
    return summary.toString();
  }

  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    String sentence = (end < 0 ? text : text.substring(0, end + 1)).strip().replaceAll("\\s+", " ");
    return sentence.length() > SUMMARY_DESCRIPTION_CHARS ? sentence.substring(0, SUMMARY_DESCRIPTION_CHARS) + "…" : sentence;
  }

  private Future<JsonObject> call(McpRequest request) {
    JsonObject arguments = arguments(request);
    Object name = arguments.getValue("name");
    Object toolArguments = arguments.getValue("arguments");
    if (!(name instanceof String toolName) || toolName.isBlank()) {
      return Future.succeededFuture(toolError("name must be the full name of a tool, e.g. filesystem__read_file"));
    }
    if (toolArguments != null && !(toolArguments instanceof JsonObject)) {
      return Future.succeededFuture(toolError("arguments must be an object"));
    }
    Object exposureId = arguments.getValue("exposureId");
    return policy.handles().fetch(exposureId instanceof String id && id.length() <= MAX_EXPOSURE_ID_CHARS ? id : null)
        .transform(fetched -> callChecked(request, toolName, toolArguments));
  }

  /** {@code hub__call_tool} once its exposureId (minted here or, on a cluster, maybe on another node) is known here. */
  private Future<JsonObject> callChecked(McpRequest request, String toolName, Object toolArguments) {
    String refusedHandle = handleProblem(arguments(request).getValue("exposureId"), request.session());
    if (refusedHandle != null) {
      return Future.succeededFuture(toolError(refusedHandle));
    }
    ToolLookup.Found found = ToolLookup.callable(registry, policy, request.session(), toolName);
    if (found.refusal() != null) {
      return Future.succeededFuture(toolError(found.refusal().getMessage()));
    }
    CatalogEntry tool = found.tool();
    JsonObject params = new JsonObject().put("name", tool.originalName())
        .put("arguments", toolArguments == null ? new JsonObject() : toolArguments);
    // a 2026-07-28 upstream's input_required comes back as this call's result; the client's retry of hub__call_tool
    // carries the answers and the upstream's state, which belong to the tool's call
    for (String retried : List.of(Modern.INPUT_RESPONSES, Modern.REQUEST_STATE)) {
      if (request.params().containsKey(retried)) {
        params.put(retried, request.params().getValue(retried));
      }
    }
    return forwarding.forward(request, tool.upstream(), McpMethods.TOOLS_CALL, params)
        .recover(error -> Future.succeededFuture(toolError(error instanceof McpException mcp ? mcp.getMessage()
            : failedCall(toolName, error))));
  }

  /**
   * Why {@code hub__call_tool} cannot use the {@code exposureId} it was given, or null when it can (or none was given).
   * The handle does not limit what may be called: the mode and the grant decide that, as without one.
   */
  private String handleProblem(Object exposureId, Session session) {
    if (exposureId == null) {
      return null;
    }
    if (!(exposureId instanceof String id) || id.isEmpty() || id.length() > MAX_EXPOSURE_ID_CHARS) {
      return "exposureId must be the string hub__analyze_prompt returned; call hub__analyze_prompt for one, or leave "
          + "exposureId out";
    }
    ExposureHandles.Problem problem = policy.handles().lookup(id, session.owner()).problem();
    return problem == null ? null : problem.describe(id) + ". Call hub__analyze_prompt again with the user's request "
        + "for a new exposureId (each lives " + HANDLE_LIFETIME + "), then repeat this call with it.";
  }

  /** An unexpected failure of a forwarded call: logged with a reference, answered generically. */
  private static String failedCall(String toolName, Throwable error) {
    String reference = Redaction.reference();
    LOG.warn("hub__call_tool of {} failed [ref {}]", toolName, reference, error);
    return "the call failed (ref " + reference + ")";
  }

  private Future<JsonObject> reset(McpRequest request) {
    Session session = request.session();
    if (policy.fixed(session)) {
      String why = session.view() != null
          ? "this connection serves the view " + session.view() + ", whose tool list never changes; connect to /mcp for the default list"
          : "this request has no session state: your tool list is always the default, and each analysis' selection lives in its exposureId";
      return Future.succeededFuture(new JsonObject()
          .put("content", new JsonArray().add(text("Nothing to reset: " + why + ".")))
          .put("structuredContent", new JsonObject().put("exposedTools", new JsonArray(lists.visibleToolNames(session)))));
    }
    List<String> after = changeExposure(request, () -> policy.reset(request.session()));
    return Future.succeededFuture(new JsonObject()
        .put("content", new JsonArray().add(text("Exposure reset to the default (" + policy.options().defaultExposure().configName()
            + "); " + after.size() + " upstream tools listed.")))
        .put("structuredContent", new JsonObject().put("exposedTools", new JsonArray(after))));
  }

  /** Applies an exposure change; tells the session (ahead of this response) when its list changed. Returns the new list. */
  private List<String> changeExposure(McpRequest request, Runnable change) {
    if (policy.fixed(request.session())) {
      return lists.visibleToolNames(request.session());
    }
    List<String> before = lists.visibleToolNames(request.session());
    change.run();
    List<String> after = lists.visibleToolNames(request.session());
    if (!after.equals(before)) {
      metrics.get().exposureUpdated();
      lists.notifyToolsChanged(request.session(), request.origin());
    }
    return after;
  }

  /**
   * A tool's definition as a result lists it, with its confidence: a shallow copy (the schema is shared, never changed:
   * it is only encoded into the answer).
   */
  private static JsonObject withConfidence(JsonObject definition, double confidence) {
    return new JsonObject(new java.util.LinkedHashMap<>(definition.getMap())).put("confidence", confidence);
  }

  private JsonObject analysisResult(Decision decision, List<String> exposedTools, Minted minted) {
    Analysis analysis = decision.analysis();
    JsonArray categories = new JsonArray();
    for (CategoryScore score : analysis.scores()) {
      categories.add(new JsonObject().put("name", score.category()).put("confidence", score.confidence())
          .put("exposed", analysis.exposed().contains(score.category())));
    }
    List<JsonObject> tools = decision.tools().stream()
        .map(selected -> withConfidence(selected.tool().definition(), selected.confidence())).toList();
    JsonObject structured = new JsonObject()
        .put("categories", categories)
        .put("exposedCategories", new JsonArray(List.copyOf(analysis.exposed())))
        .put("exposedTools", new JsonArray(exposedTools))
        .put("source", analysis.source())
        .put("threshold", analysis.threshold())
        .put("latencyMs", analysis.latencyMs())
        .put("reasoning", analysis.reasoning())
        .put("tools", new JsonArray(tools))
        .put("selection", new JsonObject().put("maxTools", policy.options().maxTools()).put("toolNeed", Math.round(decision.need() * 1000) / 1000.0)
            .put("maxByOwnEvidence", ToolSelection.listLength(policy.options().maxTools(), decision.need(), analysis.threshold()))
            .put("rule", ToolSelection.RULE))
        .put("exposureId", minted.handle().id())
        .put("view", minted.handle().viewPath())
        .put("expiresAt", minted.handle().expiry().toString());
    String summary = minted.listFixed() ? fixedSummary(decision, tools) : tools.isEmpty()
        ? "No tool reached the threshold " + analysis.threshold() + "; no tools were added. Answer directly, or "
            + "call hub__analyze_prompt again with a more specific request."
        : "Exposed " + tools.size() + (tools.size() == 1 ? " tool" : " tools") + (analysis.exposed().isEmpty() ? "" : " (" + String.join(", ", analysis.exposed()) + ")")
            + "; " + exposedTools.size() + " tools now listed, decided by " + analysis.source() + ".\n" + toolSummary(tools);
    String handle = "\nexposureId " + minted.handle().id() + " (pass it to hub__call_tool; valid until " + minted.handle().expiry()
        + "); the view " + minted.handle().viewPath() + " is an MCP server that lists just these tools.";
    return new JsonObject().put("content", new JsonArray().add(text(summary + handle))).put("structuredContent", structured);
  }

  /** The summary for a session whose list does not change: the selection is reached through hub__call_tool. */
  private static String fixedSummary(Decision decision, List<JsonObject> tools) {
    Analysis analysis = decision.analysis();
    return tools.isEmpty()
        ? "No tool reached the threshold " + analysis.threshold() + ". Answer directly, or call hub__analyze_prompt again "
            + "with a more specific request."
        : "Selected " + tools.size() + (tools.size() == 1 ? " tool" : " tools") + (analysis.exposed().isEmpty() ? "" : " ("
            + String.join(", ", analysis.exposed()) + ")") + ", decided by " + analysis.source() + "; your tool list stays "
            + "as it is.\n" + toolSummary(tools);
  }

  private void log(String prompt, Analysis analysis) {
    String categories = analysis.scores().stream().filter(s -> analysis.exposed().contains(s.category()))
        .map(CategoryScore::category).collect(Collectors.joining(","));
    // one line per analysis is worth INFO when an LLM provider answered, or failed and the heuristic stood in; the
    // heuristic's own analyses are DEBUG unless DEBUG_TOOL_FILTERING asks for them
    boolean quiet = PromptAnalyzer.HEURISTIC.equals(analysis.source()) && analysis.providerFailure() == null && !debugDecisions;
    LOG.atLevel(quiet ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.INFO).addKeyValue("latencyMs", analysis.latencyMs())
        .addKeyValue("source", analysis.source()).addKeyValue("categories", categories).log("LLM analysis completed");
    if (debugDecisions) {
      String scores = analysis.scores().stream().map(s -> s.category() + "=" + s.confidence()).collect(Collectors.joining(","));
      LOG.atInfo().addKeyValue("promptSha256", hash(prompt)).addKeyValue("scores", scores).addKeyValue("source", analysis.source())
          .addKeyValue("exposed", categories).addKeyValue("latencyMs", analysis.latencyMs())
          .addKeyValue("providerFailure", analysis.providerFailure()).log("exposure decision");
    }
  }

  private static JsonObject arguments(McpRequest request) {
    Object arguments = request.params().getValue("arguments");
    if (arguments != null && !(arguments instanceof JsonObject)) {
      throw McpException.invalidParams("params.arguments must be an object");
    }
    return arguments == null ? new JsonObject() : (JsonObject) arguments;
  }

  private static JsonObject tool(String name, String title, String description, JsonObject schema, boolean idempotent) {
    return new JsonObject().put("name", name).put("title", title).put("description", description).put("inputSchema", schema)
        .put("annotations", new JsonObject().put("title", title).put("readOnlyHint", false).put("destructiveHint", false)
            .put("idempotentHint", idempotent).put("openWorldHint", false))
        .put("_meta", new JsonObject().put(CatalogEntry.CATEGORY_META, Taxonomy.META));
  }

  static JsonObject toolError(String message) {
    return new JsonObject().put("content", new JsonArray().add(text(message))).put("isError", true);
  }

  private static JsonObject text(String text) {
    return new JsonObject().put("type", "text").put("text", text);
  }

  private static String hash(String prompt) {
    return Sha256.hex(prompt, 6);
  }

}
