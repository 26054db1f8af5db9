package io.mcphub.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.config.ClusterOptions;
import io.mcphub.gateway.exposure.Exposure;
import io.mcphub.gateway.exposure.ExposureHandle;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.support.Await;
import io.mcphub.gateway.support.NodeServer;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster-wide stores across three nodes of one JVM (loopback Hazelcast, as the hub configures it): what one node
 * writes another reads as soon as the write completed, and it outlives the crash of the node that wrote it (its
 * Hazelcast member terminated without a goodbye, as under kill -9).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterStoresTest {

  private static final long IDLE_MS = 60_000;

  private record Node(Vertx vertx, Context context, ClusterNode cluster) {

    /** Runs {@code action} on the node's context (its stores are confined there) and waits for its outcome. */
    <T> T on(Supplier<Future<T>> action) {
      return TestHub.await(Future.<T>future(promise -> context.runOnContext(v -> action.get().onComplete(promise))));
    }
  }

  @Test
  void whatOneNodeWritesTheOthersReadAndItOutlivesTheWritersCrash() throws Exception {
    List<Node> nodes = start(3);
    try {
      Node a = nodes.get(0);
      Node b = nodes.get(1);
      Node c = nodes.get(2);
      // keys whose primary copy is on A, the node that will crash: only backups can keep them
      Session opened = new Session(a.vertx(), ownedBy(a, Session::newId), Session.Transport.STREAMABLE_HTTP, "alice");
      opened.initialized("2025-11-25", new JsonObject(), new JsonObject().put("name", "client"));
      opened.operating();
      Exposure exposure = new Exposure(Set.of("files"), Set.of("files"), Set.of("fx__read"));
      ExposureHandle minted = a.on(() -> {
        a.cluster().sessions().put(opened);
        a.cluster().exposures().put(opened.id(), exposure);
        ExposureHandle handle;
        do {
          handle = a.cluster().handles().mint("alice", Set.of("files"), List.of("fx__read"));
        } while (!isOwnedBy(a, handle.id()));
        return Future.all(a.cluster().sessions().save(opened), a.cluster().exposures().flush(opened.id()),
            a.cluster().handles().flush()).map(handle);
      });

      Session onB = b.on(() -> b.cluster().sessions().find(opened.id()));
      assertThat(onB.state()).isEqualTo(Session.State.OPERATING);
      assertThat(onB.isOwnedBy("alice")).isTrue();
      Exposure exposureOnB = b.on(() -> b.cluster().exposures().refresh(opened.id())
          .map(v -> b.cluster().exposures().get(opened.id())));
      assertThat(exposureOnB).isEqualTo(exposure);
      ExposureHandle handleOnB = b.on(() -> b.cluster().handles().fetch(minted.id())
          .map(v -> b.cluster().handles().lookup(minted.id(), "alice").handle()));
      assertThat(handleOnB).isEqualTo(minted);

      HubCluster.hazelcast(a.vertx()).getLifecycleService().terminate();

      Session onC = c.on(() -> c.cluster().sessions().find(opened.id()));
      assertThat(onC).as("the session the crashed node opened").isNotNull();
      assertThat(onC.protocolVersion()).isEqualTo("2025-11-25");
      Exposure exposureOnC = c.on(() -> c.cluster().exposures().refresh(opened.id())
          .map(v -> c.cluster().exposures().get(opened.id())));
      assertThat(exposureOnC).as("its exposure").isEqualTo(exposure);
      ExposureHandle handleOnC = c.on(() -> c.cluster().handles().fetch(minted.id())
          .map(v -> c.cluster().handles().lookup(minted.id(), "alice").handle()));
      assertThat(handleOnC).as("its exposureId").isEqualTo(minted);

      b.on(() -> {
        b.cluster().sessions().end(opened.id());
        return Future.succeededFuture();
      });
      // a session the client ended is gone everywhere: no node finds it again once its copy is dropped
      Await.until(() -> c.on(() -> {
        c.cluster().sessions().remove(opened.id());
        return c.cluster().sessions().find(opened.id());
      }) == null);
    } finally {
      nodes.forEach(node -> TestHub.await(node.vertx().close().otherwiseEmpty()));
    }
  }

  @Test
  void twoNodesAddingToOneExposureAtOnceBothKeepTheirAddition() throws Exception {
    List<Node> nodes = start(2);
    try {
      Node a = nodes.get(0);
      Node b = nodes.get(1);
      String handle = "shared-exposure";
      a.on(() -> {
        a.cluster().exposures().update(handle, current -> new Exposure(Set.of("files"), Set.of(), Set.of()));
        return a.cluster().exposures().flush(handle);
      });
      b.on(() -> b.cluster().exposures().refresh(handle));
      // both nodes hold the same copy and change it at the same moment: a read-modify-write of the whole entry keeps
      // only the last one; a change applied where the entry lives keeps both
      Future<Void> onA = Future.future(promise -> a.context().runOnContext(v -> {
        a.cluster().exposures().update(handle, adding("memory", "memory__read_graph"));
        a.cluster().exposures().flush(handle).onComplete(promise);
      }));
      Future<Void> onB = Future.future(promise -> b.context().runOnContext(v -> {
        b.cluster().exposures().update(handle, adding("github", "github__list_issues"));
        b.cluster().exposures().flush(handle).onComplete(promise);
      }));
      TestHub.await(Future.all(onA, onB));
      for (Node node : nodes) {
        Exposure seen = node.on(() -> node.cluster().exposures().refresh(handle).map(v -> node.cluster().exposures().get(handle)));
        assertThat(seen.tools()).containsExactlyInAnyOrder("memory__read_graph", "github__list_issues");
        assertThat(seen.categories()).contains("files");
      }
    } finally {
      nodes.forEach(node -> TestHub.await(node.vertx().close().otherwiseEmpty()));
    }
  }

  /** A change that adds one category and one tool, as an analysis does (it may run on the node owning the entry). */
  private static io.mcphub.gateway.exposure.ExposureStore.Change adding(String category, String tool) {
    return recorded -> {
      Exposure current = recorded != null ? recorded : new Exposure(Set.of(), Set.of(), Set.of());
      Set<String> categories = new java.util.LinkedHashSet<>(current.categories());
      categories.add(category);
      Set<String> tools = new java.util.LinkedHashSet<>(current.tools());
      tools.add(tool);
      return new Exposure(categories, current.analyzed(), tools);
    };
  }

  private static String ownedBy(Node node, Supplier<String> ids) {
    String id = ids.get();
    while (!isOwnedBy(node, id)) {
      id = ids.get();
    }
    return id;
  }

  private static boolean isOwnedBy(Node node, String key) {
    com.hazelcast.core.HazelcastInstance hazelcast = HubCluster.hazelcast(node.vertx());
    return hazelcast.getPartitionService().getPartition(key).getOwner().localMember();
  }

  private static List<Node> start(int count) throws IOException {
    List<Integer> ports = NodeServer.freePorts(count);
    List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
    List<Node> nodes = new ArrayList<>();
    for (int port : ports) {
      Vertx vertx = TestHub.await(HubCluster.start(new VertxOptions(), new ClusterOptions(true, "127.0.0.1", port, members), name -> null));
      Context context = vertx.getOrCreateContext();
      ClusterNode cluster = ClusterNode.create(vertx, context, IDLE_MS, 100);
      Node node = new Node(vertx, context, cluster);
      node.on(() -> cluster.start(id -> { }));
      nodes.add(node);
    }
    return nodes;
  }

}
