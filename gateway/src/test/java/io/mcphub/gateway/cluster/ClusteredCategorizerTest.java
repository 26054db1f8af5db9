package io.mcphub.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.CategorizerClient;
import io.mcphub.categorizer.CategorizerVerticle;
import io.mcphub.categorizer.CategoryDefinition;
import io.mcphub.categorizer.CategoryScore;
import io.mcphub.gateway.config.ClusterOptions;
import io.mcphub.gateway.support.NodeServer;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Categorizers anywhere: two hubs' Vert.x instances clustered as the hub clusters them (one JVM, loopback); a categorizer
 * deployed on one node only answers the other node's requests, as a Gemini plugin on one node answers for a node
 * without it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusteredCategorizerTest {

  @Test
  void aCategorizerOnOneNodeAnswersAnotherNodesRequests() throws IOException {
    List<Integer> ports = NodeServer.freePorts(2);
    List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
    List<Vertx> nodes = new ArrayList<>();
    try {
      for (int port : ports) {
        nodes.add(TestHub.await(HubCluster.start(new VertxOptions(), new ClusterOptions(true, "127.0.0.1", port, members), name -> null)));
      }
      TestHub.await(nodes.get(0).deployVerticle(new CategorizerVerticle("remote-llm", vertx -> request ->
          Future.succeededFuture(new Categorization("remote-llm", "model", List.of(new CategoryScore("files", 0.9)), "", 1)))));

      Categorization answer = TestHub.await(new CategorizerClient(nodes.get(1), "remote-llm", 10_000).categorize(
          new CategorizationRequest("read the file", null, List.of(new CategoryDefinition("files", "files", List.of(), 0)), null)));

      assertThat(answer.scores()).containsExactly(new CategoryScore("files", 0.9));
      assertThat(HubCluster.hazelcast(nodes.get(1)).getCluster().getMembers()).hasSize(2);
    } finally {
      nodes.forEach(vertx -> TestHub.await(vertx.close()));
    }
  }

}
