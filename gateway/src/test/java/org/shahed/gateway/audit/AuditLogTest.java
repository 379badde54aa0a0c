package org.shahed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The audit log's queue, without servers: a request that got a place is always recorded; none is dropped. */
class AuditLogTest {

    @Test
    void whenTheLogIsFullRequestsAreRefusedAPlaceAndNoReservedEntryIsEverDropped() {
        AuditLog log = new AuditLog();
        int reserved = 0;
        while (log.reserve()) {
            reserved++;
        }
        assertThat(reserved).isPositive();
        AuditLog.Entry entry = new AuditLog.Entry(Instant.now(), "r", "s", null, List.of("partner"), "127.0.0.1", "GET",
                "/api/v1/incidents", null, List.of(), "incident-service", null);
        // Every request that got a place is queued with its outcome, however full the log is: nothing is dropped.
        for (int i = 0; i < reserved; i++) {
            log.record(entry, id -> { });
            log.finish(new AuditLog.Outcome(i, entry.at(), 200, 1));
        }
        assertThat(log.reserve()).as("a request beyond the log's capacity is refused, not served unrecorded").isFalse();
    }
}
