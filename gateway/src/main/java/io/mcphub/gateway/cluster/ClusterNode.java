package io.mcphub.gateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.mcphub.gateway.exposure.ExposureHandles;
import io.mcphub.gateway.exposure.ExposureStore;
import io.mcphub.gateway.session.SessionStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * This hub as a node of a cluster: the cluster-wide stores behind the hub's own interfaces (sessions, exposures,
 * exposure handles and views) and what {@code /health} says about membership. Made by the gateway verticle on a
 * clustered Vert.x only, on its context.
 */
public final class ClusterNode {

  static final String SESSIONS_MAP = HubCluster.MAP_PREFIX + "sessions";
  static final String EXPOSURES_MAP = HubCluster.MAP_PREFIX + "exposures";
  static final String HANDLES_MAP = HubCluster.MAP_PREFIX + "handles";

  private final HazelcastInstance hazelcast;
  private final EventBusSessionRoute route;
  private final ClusteredSessionStore sessions;
  private final ClusteredExposureStore exposures;
  private final ClusteredExposureHandles handles;

  private ClusterNode(Vertx vertx, Context context, long idleTimeoutMs, int maxSessions) {
    this.hazelcast = HubCluster.hazelcast(vertx);
    this.route = new EventBusSessionRoute(vertx);
    this.sessions = new ClusteredSessionStore(vertx, SessionStore.inMemory(maxSessions), hazelcast.getMap(SESSIONS_MAP),
        route, idleTimeoutMs);
    this.exposures = new ClusteredExposureStore(vertx, hazelcast.getMap(EXPOSURES_MAP), idleTimeoutMs);
    this.handles = new ClusteredExposureHandles(ExposureHandles.inMemory(), hazelcast.getMap(HANDLES_MAP), context);
  }

  /**
   * The node of the clustered {@code vertx}, on {@code context} (the hub's).
   *
   * @param idleTimeoutMs {@code hub.sessionIdleTimeoutMs}: how long the cluster keeps an unused session and its exposure
   * @param maxSessions {@code hub.maxSessions}: how many sessions this node serves at once
   */
  public static ClusterNode create(Vertx vertx, Context context, long idleTimeoutMs, int maxSessions) {
    return new ClusterNode(vertx, context, idleTimeoutMs, maxSessions);
  }

  public SessionStore sessions() {
    return sessions;
  }

  public ExposureStore exposures() {
    return exposures;
  }

  public ExposureHandles handles() {
    return handles;
  }

  /** Loads the cluster's handles and listens for sessions ended elsewhere ({@code closeLocally} drops this node's copy). */
  public Future<Void> start(Consumer<String> closeLocally) {
    return handles.start()
        .compose(v -> sessions.start(closeLocally))
        .compose(v -> route.start(this::byHandle));
  }

  /** This node's copy of the session whose public handle is {@code handle}, or null (rare: client answers, cancels). */
  private io.mcphub.gateway.session.Session byHandle(String handle) {
    for (io.mcphub.gateway.session.Session session : sessions.all()) {
      if (session.handle().equals(handle)) {
        return session;
      }
    }
    return null;
  }

  public Future<Void> stop() {
    return handles.stop();
  }

  /** This member's address and every member's, for {@code /health}. */
  public JsonObject health() {
    JsonArray members = new JsonArray();
    for (Member member : hazelcast.getCluster().getMembers()) {
      members.add(new JsonObject().put("address", member.getAddress().getHost() + ":" + member.getAddress().getPort())
          .put("uuid", member.getUuid().toString()).put("self", member.localMember()));
    }
    Member self = hazelcast.getCluster().getLocalMember();
    return new JsonObject().put("node", self.getAddress().getHost() + ":" + self.getAddress().getPort())
        .put("memberCount", members.size()).put("members", members);
  }
}
