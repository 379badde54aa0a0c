package org.shahed.media.custody;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.shahed.media.MediaConfig;
import org.shahed.media.asset.MediaAsset;
import org.shahed.media.asset.MediaAssets;
import org.shahed.media.inspect.Sha256;
import org.shahed.media.storage.ObjectStore;
import org.shahed.platform.store.SoleRunner;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fixity checks: the original is read back from the object store and hashed again; a different hash (or a
 * missing object) means it was changed or lost behind the service's back. Each check goes into the custody log;
 * a failed one flags the asset for review. A scheduled sweep checks the assets checked longest ago.
 */
@ApplicationScoped
public class FixityChecks {
    @Inject
    MediaConfig config;
    private static final Logger LOG = Logger.getLogger(FixityChecks.class);
    /** The sweep's job name, and the actor of its custody entries. */
    public static final String SWEEP = "fixity-sweep";

    @Inject
    ObjectStore store;
    @Inject
    MediaAssets assets;
    @Inject
    CustodyLog custody;
    @Inject
    SoleRunner soleRunner;

    public record Result(UUID assetId, boolean ok, String expectedSha256, String actualSha256, Instant checkedAt) {
    }

    public Result check(UUID id, String by) {
        MediaAsset asset = QuarkusTransaction.requiringNew().call(() -> assets.live(id));
        String actual = hashStored(asset);
        boolean ok = asset.sha256.equals(actual);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            MediaAsset locked = assets.locked(id);
            locked.lastFixityCheckAt = now;
            locked.lastFixityOk = ok;
            custody.append(id, "fixity-checked", by, Map.of("ok", ok, "expectedSha256", asset.sha256,
                    "actualSha256", actual == null ? "missing" : actual));
            if (!ok) {
                locked.reviewFlag = "fixity-failed";
                locked.revise(by);
                assets.record(locked, "fixity-failed", "fixity-failed");
            }
        });
        if (!ok) {
            LOG.errorf("Fixity check FAILED for media %s (%s): expected %s, found %s", asset.reference, asset.objectKey,
                    asset.sha256, actual);
        }
        return new Result(id, ok, asset.sha256, actual, now);
    }

    @Scheduled(every = "${shahed.media.fixity.every:6h}", delayed = "${shahed.media.fixity.delay:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }

    /**
     * Checks the assets that are due, those checked longest ago first, unless another replica sweeps now (each
     * check is a custody entry: two replicas sweeping at once would check the same files twice); whether it swept.
     * An asset checked less than an interval ago (nine tenths of it, for the schedules' jitter) is not due, so each
     * asset is checked once per interval however many replicas sweep, each on its own schedule.
     */
    public boolean sweep() {
        Instant due = Instant.now().minus(config.fixity().every().multipliedBy(9).dividedBy(10));
        return soleRunner.runAlone(SWEEP, () -> {
            List<UUID> dueAssets = QuarkusTransaction.requiringNew().call(() -> MediaAsset.<MediaAsset>find(
                    "deletedAt is null and (lastFixityCheckAt is null or lastFixityCheckAt < ?1) order by lastFixityCheckAt nulls first",
                    due).page(0, config.fixity().sampleSize()).list()
                    .stream().map(a -> a.id).toList());
            for (UUID id : dueAssets) {
                try {
                    check(id, SWEEP);
                } catch (RuntimeException e) {
                    LOG.warnf("Fixity sweep could not check media %s: %s", id, e.getMessage());
                }
            }
        });
    }

    /** The SHA-256 of the stored original, read as a stream; null when the object is gone. */
    private String hashStored(MediaAsset asset) {
        if (store.stat(store.evidenceBucket(), asset.objectKey) == null) {
            return null;
        }
        try (InputStream in = store.read(store.evidenceBucket(), asset.objectKey, 0, null)) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
