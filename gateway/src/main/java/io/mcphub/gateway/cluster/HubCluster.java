package io.mcphub.gateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import io.mcphub.gateway.config.ClusterOptions;
import io.mcphub.gateway.metrics.HubMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Starts a clustered Vert.x on an embedded Hazelcast member configured in code (no XML to ship): TCP-IP join with the
 * configured members, multicast and auto-detection off, no phone-home, the given interface and port. Only this package
 * names Hazelcast types, and only a hub started with {@code cluster.enabled} (or {@code --cluster}) reaches it: a single
 * hub loads none of them.
 */
public final class HubCluster {

  /** The Hazelcast cluster name: hubs of one deployment join each other and nothing else on the network. */
  static final String CLUSTER_NAME = "mcp-hub";
  /** Prefix of the hub's own distributed maps (sessions, exposures, exposure handles). */
  static final String MAP_PREFIX = "mcphub.";
  /**
   * Synchronous backups of every hub map: with three nodes each entry is on all of them, so a node's loss loses
   * nothing, and with {@code readBackupData} most reads are answered from this node's own copy.
   */
  static final int BACKUPS = 2;
  /**
   * How fast a killed member is declared dead (Hazelcast's default is 60 s): its partitions move and the sessions it
   * owned are served again within about this long. Heartbeats go every second.
   */
  static final String MAX_NO_HEARTBEAT_SECONDS = "3";

  private HubCluster() {
  }

  /** A clustered Vert.x joined to {@code options}' members (its metrics registered like {@link HubMetrics#newVertx}). */
  public static Future<Vertx> start(VertxOptions vertxOptions, ClusterOptions options, java.util.function.Function<String, String> environment) {
    return HubMetrics.newClusteredVertx(vertxOptions, new HazelcastClusterManager(hazelcastConfig(options)), environment);
  }

  static Config hazelcastConfig(ClusterOptions options) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", MAX_NO_HEARTBEAT_SECONDS);
    config.setProperty("hazelcast.local.localAddress", options.host());
    // Hazelcast listens on every interface unless told not to: the member port takes clients and members with no
    // authentication, so it must listen on the configured address only (loopback stays loopback)
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(options.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(options.members().isEmpty()
        ? java.util.List.of(options.host() + ":" + options.port()) : options.members());
    config.addMapConfig(new MapConfig(MAP_PREFIX + "*").setBackupCount(BACKUPS).setReadBackupData(true));
    // exposure handles are minted by every analysis: the shared map keeps at most as many per node as one hub keeps,
    // the least recently used leaving first, so a client minting in a loop cannot grow it without bound
    config.addMapConfig(new MapConfig(ClusterNode.HANDLES_MAP).setBackupCount(BACKUPS).setReadBackupData(true)
        .setEvictionConfig(new com.hazelcast.config.EvictionConfig()
            .setEvictionPolicy(com.hazelcast.config.EvictionPolicy.LRU)
            .setMaxSizePolicy(com.hazelcast.config.MaxSizePolicy.PER_NODE)
            .setSize(io.mcphub.gateway.exposure.ExposureHandles.DEFAULT_MAX_HANDLES)));
    return config;
  }

  /** The Hazelcast member under a clustered {@code vertx}. */
  static HazelcastInstance hazelcast(Vertx vertx) {
    return ((HazelcastClusterManager) ((VertxInternal) vertx).clusterManager()).getHazelcastInstance();
  }
}
