package io.mcphub.gateway.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.config.ConfigParser;
import io.mcphub.gateway.config.FilteringOptions;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.tools.CatalogEntry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The exposure predicate on its own: no Vert.x, no servers. */
class ExposurePolicyTest {

  private static FilteringOptions options(String toolFiltering) {
    return new ConfigParser(name -> null).parse(new JsonObject("{\"toolFiltering\": " + toolFiltering + "}")).filtering();
  }

  private static CatalogEntry tool(String category) {
    return new CatalogEntry("srv__" + category, null, category, category, new JsonObject());
  }

  private static Session session(String id) {
    return new Session(null, id, Session.Transport.STREAMABLE_HTTP);
  }

  @Test
  void promptBasedSessionsSeeOnlyTheirExposedCategoriesAndAlwaysTheMetaTools() {
    ExposurePolicy policy = new ExposurePolicy(options("{\"mode\": \"prompt-based\"}"), ExposureStore.inMemory());
    Session a = session("a");
    Session b = session("b");
    assertThat(policy.listsMetaTools()).isTrue();
    assertThat(policy.visible(a, tool("filesystem"))).isFalse();
    assertThat(policy.visible(a, tool("meta"))).isTrue();
    policy.expose(a, java.util.Set.of("filesystem"));
    assertThat(policy.visible(a, tool("filesystem"))).isTrue();
    assertThat(policy.visible(b, tool("filesystem"))).isFalse();
    assertThat(policy.callable(b, tool("filesystem"))).as("hub__call_tool reaches hidden tools").isTrue();
    policy.expose(a, java.util.Set.of("memory"));
    assertThat(policy.exposed(a)).containsExactlyInAnyOrder("filesystem", "memory");
    policy.reset(a);
    assertThat(policy.exposed(a)).isEmpty();
  }

  @Test
  void anAnalysisExposesItsSelectedToolsOneByOneAndReportsItsCategories() {
    ExposurePolicy policy = new ExposurePolicy(options("{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"maxTools\": 2}}"),
        ExposureStore.inMemory());
    Session a = session("a");
    CatalogEntry read = new CatalogEntry("files__read", null, "read", "filesystem", new JsonObject());
    CatalogEntry write = new CatalogEntry("files__write", null, "write", "filesystem", new JsonObject());
    policy.expose(a, java.util.Set.of("filesystem"), java.util.List.of("files__read"));
    assertThat(policy.visible(a, read)).isTrue();
    assertThat(policy.visible(a, write)).as("the rest of the category stays hidden").isFalse();
    assertThat(policy.exposed(a)).containsExactly("filesystem");

    for (int i = 0; i < 3 * ExposurePolicy.MAX_TOOLS_PER_MAX_TOOLS; i++) {
      policy.expose(a, java.util.Set.of(), java.util.List.of("files__t" + i));
    }
    assertThat(policy.exposure(a).tools()).as("an additive exposure keeps the newest tools only")
        .hasSize(2 * ExposurePolicy.MAX_TOOLS_PER_MAX_TOOLS).doesNotContain("files__read")
        .contains("files__t" + (3 * ExposurePolicy.MAX_TOOLS_PER_MAX_TOOLS - 1));
    policy.reset(a);
    assertThat(policy.visible(a, read)).isFalse();
  }

  @Test
  void replacementSharedAndDefaultExposures() {
    ExposurePolicy replacing = new ExposurePolicy(options(
        "{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"exposureMode\": \"replacement\"}}"), ExposureStore.inMemory());
    Session s = session("s");
    replacing.expose(s, java.util.Set.of("filesystem"));
    replacing.expose(s, java.util.Set.of("memory"));
    assertThat(replacing.exposed(s)).containsExactly("memory");

    ExposureStore store = ExposureStore.inMemory();
    ExposurePolicy shared = new ExposurePolicy(options(
        "{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"sessionIsolation\": false}}"), store);
    shared.expose(session("x"), java.util.Set.of("web"));
    assertThat(shared.visible(session("y"), tool("web"))).isTrue();
    shared.forget(session("x"));
    assertThat(store.size()).as("shared state outlives a session").isEqualTo(1);

    ExposureStore isolated = ExposureStore.inMemory();
    ExposurePolicy freeing = new ExposurePolicy(options("{\"mode\": \"prompt-based\"}"), isolated);
    freeing.expose(s, java.util.Set.of("web"));
    freeing.forget(s);
    assertThat(isolated.size()).as("an ended session frees its state").isZero();

    ExposurePolicy zero = new ExposurePolicy(options(
        "{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"defaultExposure\": \"zero\"}}"), ExposureStore.inMemory());
    assertThat(zero.listsMetaTools()).isFalse();
    ExposurePolicy minimal = new ExposurePolicy(options(
        "{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"defaultExposure\": \"minimal\"}}"), ExposureStore.inMemory());
    assertThat(minimal.exposed(s)).containsExactlyInAnyOrder("filesystem", "memory");
    ExposurePolicy all = new ExposurePolicy(options(
        "{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"defaultExposure\": \"all\"}}"), ExposureStore.inMemory());
    assertThat(all.visible(s, tool("cloud"))).isTrue();
  }

  @Test
  void staticModesNeedNoSessionState() {
    ExposurePolicy category = new ExposurePolicy(options(
        "{\"mode\": \"category\", \"categoryFilter\": {\"categories\": [\"web\"]}}"), ExposureStore.inMemory());
    assertThat(category.visible(session("s"), tool("web"))).isTrue();
    assertThat(category.visible(session("s"), tool("cloud"))).isFalse();
    assertThat(category.callable(session("s"), tool("cloud"))).isFalse();
    assertThat(category.listsMetaTools()).isFalse();
  }

  @Test
  void aModernSessionSeesTheDefaultExposureWhateverOtherSessionsDidAndChangesNothing() {
    ExposureStore store = ExposureStore.inMemory();
    ExposurePolicy shared = new ExposurePolicy(options(
        "{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"sessionIsolation\": false, \"defaultExposure\": \"minimal\"}}"),
        store);
    Session modern = new Session(null, Session.newId(), Session.Transport.MODERN, "alice");
    shared.expose(session("legacy"), java.util.Set.of("web"), java.util.List.of("srv__web"));
    assertThat(shared.visible(session("other"), tool("web"))).as("legacy sessions share the exposure").isTrue();
    assertThat(shared.visible(modern, tool("web"))).as("a modern list never follows other requests").isFalse();
    assertThat(shared.visible(modern, tool("filesystem"))).as("the default exposure (minimal)").isTrue();
    assertThat(shared.fixed(modern)).isTrue();

    store.remove(ExposurePolicy.SHARED_HANDLE);
    shared.expose(modern, java.util.Set.of("cloud"), java.util.List.of("srv__cloud"));
    shared.expose(modern, java.util.Set.of("cloud"));
    assertThat(store.size()).as("a modern session writes nothing").isZero();
    assertThat(shared.visible(session("other"), tool("cloud"))).isFalse();
    shared.reset(modern);
    shared.forget(modern);
    assertThat(store.size()).isZero();
  }

  @Test
  void aViewSessionSeesExactlyItsViewsToolsInAnyModeUntilTheViewExpires() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    ExposureHandles handles = ExposureHandles.inMemory(java.time.Duration.ofMinutes(1), 10, 10, now::get);
    ExposurePolicy policy = new ExposurePolicy(options(
        "{\"mode\": \"prompt-based\", \"promptBasedFiltering\": {\"defaultExposure\": \"all\"}}"), ExposureStore.inMemory(),
        handles);
    Session viewer = new Session(null, "v", Session.Transport.STREAMABLE_HTTP, "alice");
    viewer.view(handles.mint("alice", java.util.Set.of("web"), java.util.List.of("srv__web")).id());
    assertThat(policy.visible(viewer, tool("web"))).isTrue();
    assertThat(policy.visible(viewer, tool("cloud"))).as("defaultExposure all does not widen a view").isFalse();
    policy.expose(viewer, java.util.Set.of("cloud"), java.util.List.of("srv__cloud"));
    assertThat(policy.visible(viewer, tool("cloud"))).as("a view never changes").isFalse();
    assertThat(policy.callable(viewer, tool("cloud"))).as("hub__call_tool still reaches granted tools").isTrue();

    ExposurePolicy category = new ExposurePolicy(options(
        "{\"mode\": \"category\", \"categoryFilter\": {\"categories\": [\"web\"]}}"), ExposureStore.inMemory(), handles);
    Session categoryViewer = new Session(null, "c", Session.Transport.STREAMABLE_HTTP, "alice");
    categoryViewer.view(handles.mint("alice", java.util.Set.of(), java.util.List.of("srv__web", "srv__cloud")).id());
    assertThat(category.visible(categoryViewer, tool("web"))).isTrue();
    assertThat(category.visible(categoryViewer, tool("cloud"))).as("a view lists only what the mode lists").isFalse();

    now.addAndGet(java.time.Duration.ofMinutes(1).toMillis());
    assertThat(policy.visible(viewer, tool("web"))).as("an expired view lists nothing").isFalse();
  }
}
