package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.ServiceProcess;

/** Started as in production, a service without a setting it requires stops at once and says which. */
@ExtendWith(RunningSuite.class)
class ProductionSettingsTest {

    @Test
    void theGatewayWithoutTheDashboardsOriginsDoesNotStartAndNamesTheSetting() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        ServiceProcess gateway = suite.services().startReplica("gateway", "gateway-unset",
                Map.of("shahed.gateway.cors-origins", ""));
        try {
            await("the gateway stops").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ProcessHandle.of(gateway.pid()).map(process -> !process.isAlive()).orElse(true));
            assertThat(Files.readString(gateway.logFile())).contains("shahed.gateway.cors-origins");
        } finally {
            suite.services().stop("gateway-unset");
        }
    }
}
