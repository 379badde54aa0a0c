package org.shahed.casualty;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.shahed.testing.TopicWriter;

/**
 * Incidents as incident-service's events describe them, sent on its topic and awaited until this service has
 * applied them: what partners may read depends on them.
 */
final class PublishedIncidents {
    private PublishedIncidents() {
    }

    /** A new incident, published. */
    static UUID published() {
        UUID id = UUID.randomUUID();
        change(id, 1, "published");
        return id;
    }

    /** Sends version {@code version} of the incident with {@code status} and waits until it is applied here. */
    static void change(UUID id, long version, String status) {
        try (TopicWriter topic = new TopicWriter()) {
            topic.send("shahed.incidents", UUID.randomUUID().toString(), "/shahed/incident-service",
                    "org.shahed.incident." + (status.equals("draft") ? "created" : status), id.toString(),
                    IncidentProjectionTest.incidentEvent(id, version, status, "russian-forces"));
        }
        await("incident " + id + " version " + version + " applied").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> version(id) >= version);
    }

    private static long version(UUID id) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement query = db.prepareStatement("select version from incident_projection where id = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
