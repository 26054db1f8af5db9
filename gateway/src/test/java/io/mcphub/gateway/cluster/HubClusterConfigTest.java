package io.mcphub.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import io.mcphub.gateway.config.ClusterOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a node's Hazelcast member is configured from the {@code cluster} section. */
class HubClusterConfigTest {

  @Test
  void theMemberListensOnTheConfiguredAddressOnlyAndJoinsTheListedMembersOverTcp() {
    Config config = HubCluster.hazelcastConfig(new ClusterOptions(true, "127.0.0.1", 5901, List.of("127.0.0.1:5901", "127.0.0.1:5902")));
    assertThat(config.getProperty("hazelcast.socket.bind.any")).as("not every interface: the member port has no authentication")
        .isEqualTo("false");
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5901);
    assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5901", "127.0.0.1:5902");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getMapConfig(ClusterNode.HANDLES_MAP).getEvictionConfig().getSize())
        .as("the shared exposure handles are bounded per node like one hub's").isEqualTo(io.mcphub.gateway.exposure.ExposureHandles.DEFAULT_MAX_HANDLES);
    assertThat(config.getMapConfig(ClusterNode.HANDLES_MAP).getBackupCount()).isEqualTo(config.getMapConfig(ClusterNode.SESSIONS_MAP).getBackupCount());
  }
}
