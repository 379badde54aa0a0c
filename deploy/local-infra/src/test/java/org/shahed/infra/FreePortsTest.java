package org.shahed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void picksDistinctFreePortsOutsideTheRangeOutgoingConnectionsUse() throws Exception {
        int firstEphemeral = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip().split("\\s+")[0]);
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.pick();
            assertThat(port).isLessThan(firstEphemeral).isGreaterThanOrEqualTo(1024);
            assertThat(FreePorts.isFree(port)).isTrue();
            picked.add(port);
        }
        assertThat(picked).hasSize(50);
    }
}
