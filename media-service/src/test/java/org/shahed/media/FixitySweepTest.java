package org.shahed.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.shahed.media.custody.FixityChecks;
import org.shahed.platform.store.SoleRunner;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The fixity sweep runs in one replica at a time: each check is an entry of the append-only custody log, so two
 * replicas sweeping at once would log every file twice. Another replica is played by another thread holding the
 * sweep's lock on a connection of its own, as a replica's sweep does.
 */
@QuarkusTest
class FixitySweepTest {
    @Inject
    FixityChecks fixity;
    @Inject
    SoleRunner soleRunner;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSweepSkipsItsTurnWhileAnotherReplicaSweepsAndRunsOnceItIsDone() throws Exception {
        MediaTest.upload("ingest", EvidenceFiles.pdf("fixity sweep " + System.nanoTime()), "application/pdf", "s.pdf")
                .then().statusCode(201);
        long before = sweepEntries();

        CompletableFuture<Void> otherReplicaHolds = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> soleRunner.runAlone(FixityChecks.SWEEP,
                () -> {
                    otherReplicaHolds.complete(null);
                    release.join();
                }));
        otherReplicaHolds.get(10, TimeUnit.SECONDS);
        assertThat(fixity.sweep()).as("a sweep while another replica sweeps").isFalse();
        assertThat(sweepEntries()).as("custody entries of the skipped sweep").isEqualTo(before);

        release.complete(null);
        assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fixity.sweep()).as("the next turn, the lock free again").isTrue();
        assertThat(sweepEntries()).isGreaterThan(before);
    }

    private long sweepEntries() throws Exception {
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement(
                        "select count(*) from custody_entry where action = 'fixity-checked' and actor = ?")) {
            query.setString(1, FixityChecks.SWEEP);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
