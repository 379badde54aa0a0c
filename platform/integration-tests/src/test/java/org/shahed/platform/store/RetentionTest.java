package org.shahed.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.testing.Database;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Retention on the real database: what is past its window goes, nothing else does. */
@QuarkusTest
class RetentionTest {
    @Inject
    Retention retention;

    @Test
    void publishedEventsAndClaimsPastTheirWindowAreDeletedAndNothingElse() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(20));
        Instant lately = Instant.now().minus(Duration.ofDays(1));
        UUID oldPublished = outboxEvent(longAgo, longAgo);
        UUID recentlyPublished = outboxEvent(longAgo, lately);
        UUID neverPublished = outboxEvent(longAgo, null); // Kafka was away for weeks: still to be sent
        String oldClaim = processedEvent(longAgo);
        String recentClaim = processedEvent(lately);

        assertThat(retention.pruneAll()).containsKeys("published outbox events", "processed-event claims");

        assertThat(count("outbox_event", "id", oldPublished.toString())).isZero();
        assertThat(count("outbox_event", "id", recentlyPublished.toString())).isEqualTo(1);
        assertThat(count("outbox_event", "id", neverPublished.toString())).isEqualTo(1);
        assertThat(count("processed_event", "event_id", oldClaim)).isZero();
        assertThat(count("processed_event", "event_id", recentClaim)).isEqualTo(1);
    }

    private static UUID outboxEvent(Instant occurredAt, Instant publishedAt) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Database.connect(); PreparedStatement insert = db.prepareStatement("""
                insert into outbox_event (id, topic, aggregate_type, aggregate_id, event_type, payload, occurred_at, published_at)
                values (?, 'shahed.retention-check', 'witness-note', ?, 'org.shahed.test.note-created', '{}'::json, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setTimestamp(3, Timestamp.from(occurredAt));
            insert.setTimestamp(4, publishedAt == null ? null : Timestamp.from(publishedAt));
            insert.executeUpdate();
        }
        return id;
    }

    private static String processedEvent(Instant at) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection db = Database.connect(); PreparedStatement insert = db.prepareStatement(
                "insert into processed_event (consumer, event_id, processed_at) values ('retention-check', ?, ?)")) {
            insert.setString(1, id);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.executeUpdate();
        }
        return id;
    }

    private static long count(String table, String column, String value) throws Exception {
        try (Connection db = Database.connect(); PreparedStatement select = db.prepareStatement(
                "select count(*) from " + table + " where " + column + "::text = ?")) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

}
