package org.shahed.gateway.audit;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.shahed.gateway.routing.GatewayConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps the audit log's monthly partitions: the months ahead made in advance, and months whose every entry is past
 * the retention (never inside the legal hold) dropped whole. Gateway replicas take turns through a transaction
 * lock, so each month is made, or dropped, once.
 */
@ApplicationScoped
public class AuditPartitions {
    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    private static final int MONTHS_AHEAD = 3;
    private static final Pattern PARTITION = Pattern.compile("audit_(?:entry|outcome)_(\\d{4})_(\\d{2})");

    @Inject
    DataSource dataSource;
    @Inject
    GatewayConfig config;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        checkRetention(config.audit().retention(), config.audit().legalHold());
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-partitions");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::maintainQuietly, 0, config.audit().maintenanceEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A retention shorter than the legal hold is a configuration error: nothing inside the hold may be deleted. */
    public static void checkRetention(Optional<Duration> retention, Duration legalHold) {
        if (retention.isPresent() && retention.get().compareTo(legalHold) < 0) {
            throw new IllegalStateException("shahed.gateway.audit.retention (" + retention.get()
                    + ") is shorter than the legal hold shahed.gateway.audit.legal-hold (" + legalHold
                    + "): audit entries inside the hold may not be deleted");
        }
    }

    private void maintainQuietly() {
        try {
            List<String> dropped = maintain(Instant.now());
            if (!dropped.isEmpty()) {
                LOG.infof("audit log: partitions past retention dropped: %s", dropped);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("audit log: partitions not maintained this time (tried again in %s): %s",
                    config.audit().maintenanceEvery(), e.getMessage());
        }
    }

    /**
     * Makes the partitions of the month of {@code now} and the months after it, and drops those of months that
     * ended before {@code now} minus the retention (and the legal hold). Returns the partitions dropped.
     */
    public List<String> maintain(Instant now) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('shahed.audit-partitions'))");
            }
            LocalDate month = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
            try (PreparedStatement add = connection.prepareStatement("SELECT audit_log_add_month(?)")) {
                for (int ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
                    add.setDate(1, Date.valueOf(month.plusMonths(ahead)));
                    add.execute();
                }
            }
            if (config.audit().retention().isPresent()) {
                Duration keep = config.audit().retention().get();
                if (keep.compareTo(config.audit().legalHold()) < 0) {
                    keep = config.audit().legalHold();
                }
                Instant cutoff = now.minus(keep);
                for (String partition : partitions(connection)) {
                    Matcher name = PARTITION.matcher(partition);
                    if (!name.matches()) {
                        continue; // the default partitions are kept
                    }
                    LocalDate first = LocalDate.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)), 1);
                    Instant end = first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    if (!end.isAfter(cutoff)) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("DROP TABLE " + partition);
                        }
                        dropped.add(partition);
                    }
                }
            }
            connection.commit();
        }
        return dropped;
    }

    private static List<String> partitions(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent IN ('audit_entry'::regclass, 'audit_outcome'::regclass) ORDER BY c.relname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
