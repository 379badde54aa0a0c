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
        assertStopsNaming("gateway", Map.of("shahed.gateway.cors-origins", ""), "shahed.gateway.cors-origins");
    }

    @Test
    void mediaServiceRequiringObjectLockDoesNotStartOnAnEvidenceBucketWithoutIt() throws Exception {
        // The local S3 server has no object lock: as production insists on it, media-service refuses this store.
        assertStopsNaming("media-service", Map.of("shahed.media.evidence-lock.required", "true"),
                "has no object lock");
    }

    private static void assertStopsNaming(String module, Map<String, String> settings, String named) throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        ServiceProcess process = suite.services().startReplica(module, module + "-misconfigured", settings);
        try {
            await(module + " stops").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ProcessHandle.of(process.pid()).map(running -> !running.isAlive()).orElse(true));
            assertThat(Files.readString(process.logFile())).contains(named);
        } finally {
            suite.services().stop(module + "-misconfigured");
        }
    }
}
