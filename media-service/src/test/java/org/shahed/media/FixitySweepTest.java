package org.shahed.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
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

    @Test
    void anAssetIsCheckedOncePerIntervalHoweverManyReplicasSweep() throws Exception {
        String id = MediaTest.upload("ingest", EvidenceFiles.pdf("fixity once " + System.nanoTime()), "application/pdf", "o.pdf")
                .then().statusCode(201).extract().path("id");
        // Replicas' sweeps one after the other: the first that reaches the asset checks it (others are due first)...
        Awaitility.await("the asset checked by a sweep").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    fixity.sweep();
                    return sweepEntriesOf(id) > 0;
                });
        assertThat(sweepEntriesOf(id)).isEqualTo(1);
        // ...and the sweeps of the other replicas within the interval leave it alone: enough of them to come round
        // to every asset again, were each sweep to take the ones checked longest ago whether due or not.
        long rounds = liveAssets() / 20 + 2;
        for (int i = 0; i < rounds; i++) {
            assertThat(fixity.sweep()).isTrue();
        }
        assertThat(sweepEntriesOf(id)).isEqualTo(1);
    }

    private long liveAssets() throws Exception {
        try (Connection db = dataSource.getConnection();
                ResultSet result = db.createStatement().executeQuery("select count(*) from media_asset where deleted_at is null")) {
            result.next();
            return result.getLong(1);
        }
    }

    private long sweepEntriesOf(String asset) throws Exception {
        try (Connection db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement("select count(*) from custody_entry"
                        + " where action = 'fixity-checked' and actor = ? and asset_id = ?::uuid")) {
            query.setString(1, FixityChecks.SWEEP);
            query.setString(2, asset);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
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
