package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shahed.infra.ServiceProcess;

/**
 * Two gateway replicas behind one load balancer: a key's rate limit holds across both (they share its bucket in the
 * gateway's database), and each request through either is in the one audit log.
 */
@ExtendWith(RunningSuite.class)
class GatewayReplicasTest {
    private static final int LIMIT = 10;

    @Test
    void aKeysRateLimitHoldsAcrossReplicasAndBothWriteTheOneAuditLog() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        ServiceProcess second = suite.services().startReplica("gateway", "gateway-2", Map.of());
        try {
            second.awaitReady(Duration.ofMinutes(3));
            Api.Reply created = Api.send("POST", suite.url("gateway") + "/api/v1/admin/api-keys", suite.token("admin"),
                    """
                    {"name": "replicas", "organisation": "UN CoI", "roles": ["partner"],
                     "rateLimit": {"capacity": %d, "period": "PT1M"}}""".formatted(LIMIT));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            String key = created.body().path("key").asText();
            String keyId = created.body().path("apiKey").path("id").asText();

            // Three times the limit, spread over both replicas in turn, as a load balancer would.
            List<String> gateways = List.of(suite.url("gateway"), second.url());
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3 * LIMIT; i++) {
                statuses.add(Api.withKey("GET", gateways.get(i % 2) + "/api/v1/thesauri", key, null).status());
            }
            long allowed = statuses.stream().filter(status -> status == 200).count();
            // Exactly the limit, give or take what the bucket refills while the requests are sent (10 a minute).
            assertThat(allowed).as(statuses.toString()).isBetween((long) LIMIT, (long) LIMIT + 1);
            assertThat(statuses).containsOnly(200, 429);
            // Both replicas let requests through: each took its share from the one bucket.
            for (int replica = 0; replica < 2; replica++) {
                List<Integer> served = new ArrayList<>();
                for (int i = replica; i < statuses.size(); i += 2) {
                    served.add(statuses.get(i));
                }
                assertThat(served).as("replica " + (replica + 1)).contains(200, 429);
            }

            // Both replicas' requests are in the one audit log, whichever is asked.
            Api.awaitBody(second.url() + "/api/v1/admin/audit-log?limit=500&apiKeyId=" + keyId, suite.token("admin"),
                    page -> page.path("items").size() >= 3 * LIMIT, Duration.ofSeconds(30));
        } finally {
            suite.services().stop("gateway-2");
        }
    }
}
