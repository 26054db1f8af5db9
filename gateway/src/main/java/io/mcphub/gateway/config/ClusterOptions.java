package io.mcphub.gateway.config;

import java.util.List;

/**
 * The {@code cluster} section: whether this hub joins a Vert.x cluster (Hazelcast, embedded) and how it finds the other
 * members. Members are explicit {@code host:port} addresses joined over TCP (multicast stays off), so a cluster forms on
 * loopback as on a LAN. Read at start only: a config reload does not change membership.
 *
 * @param enabled join the cluster ({@code --cluster} turns it on too)
 * @param host the interface the cluster member binds and announces
 * @param port the cluster member's port (Hazelcast's; the MCP endpoint stays {@code hub.port})
 * @param members {@code host:port} of the members to join (this one may be among them)
 * @see <a href="../../../../../../../../docs/scaling.md">docs/scaling.md</a>
 */
public record ClusterOptions(boolean enabled, String host, int port, List<String> members) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;
  /** No cluster: the hub runs alone and nothing of Hazelcast is loaded. */
  public static final ClusterOptions DISABLED = new ClusterOptions(false, DEFAULT_HOST, DEFAULT_PORT, List.of());

  public ClusterOptions {
    members = List.copyOf(members);
  }

  /** The same section, turned on ({@code --cluster}). */
  public ClusterOptions enable() {
    return new ClusterOptions(true, host, port, members);
  }

  /** Parses the section (null when absent) into {@code problems}, naming each bad key. */
  static ClusterOptions parse(FieldReader cluster) {
    boolean enabled = cluster.bool("enabled", false);
    String host = cluster.string("host", DEFAULT_HOST);
    int port = (int) cluster.longInRange("port", DEFAULT_PORT, 1, 65_535);
    List<String> members = cluster.strings("members");
    for (int i = 0; i < members.size(); i++) {
      if (!isMember(members.get(i))) {
        cluster.problem("members[" + i + "]", "got \"" + members.get(i) + "\", expected host:port (e.g. \"10.0.0.2:5701\")");
      }
    }
    return new ClusterOptions(enabled, host, port, members);
  }

  private static boolean isMember(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 1 || colon == address.length() - 1) {
      return false;
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      return port > 0 && port <= 65_535;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
