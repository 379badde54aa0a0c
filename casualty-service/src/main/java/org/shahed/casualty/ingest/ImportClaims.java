package org.shahed.casualty.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.shahed.casualty.CasualtyConfig;
import org.shahed.platform.store.NativeIds;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Which replica runs which import job. A replica claims the oldest unfinished job that nobody holds (or whose
 * holder let the lease run out: it died), renews the lease while it runs the job, writes each batch only while it
 * still holds the claim, and gives the claim up when it stops, so that another replica resumes the job after its
 * last committed batch. Each process start is a holder of its own.
 */
@ApplicationScoped
public class ImportClaims {
    private static final Logger LOG = Logger.getLogger(ImportClaims.class);

    /** A batch found its job claimed by another replica: this one let the lease run out, and must stop. */
    public static final class ClaimLost extends RuntimeException {
        ClaimLost(UUID jobId, String holder) {
            super("import " + jobId + " is now run by " + holder, null, false, false);
        }
    }

    private final String holder = ProcessHandle.current().pid() + "@" + hostname() + "/" + UUID.randomUUID();

    @Inject
    EntityManager entityManager;
    @Inject
    ImportFiles files;
    @Inject
    CasualtyConfig settings;

    public String holder() {
        return holder;
    }

    /** Claims the oldest job nobody holds, marking it running; empty when there is none. */
    public Optional<UUID> claimNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> claimed = NativeIds.of(entityManager.createNativeQuery("""
                    update import_job set status = 'running', claimed_by = :holder,
                           lease_until = now() + make_interval(secs => :lease), started_at = coalesce(started_at, now())
                    where id = (select id from import_job
                                where status in ('queued', 'running') and (lease_until is null or lease_until < now())
                                order by created_at limit 1 for update skip locked)
                    returning id""")
                    .setParameter("holder", holder)
                    .setParameter("lease", (double) settings.imports().lease().toSeconds()));
            return claimed.stream().findFirst();
        });
    }

    /** Extends the lease of every job this replica runs. */
    public void renew() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                update import_job set lease_until = now() + make_interval(secs => :lease)
                where claimed_by = :holder and status = 'running'""")
                .setParameter("holder", holder)
                .setParameter("lease", (double) settings.imports().lease().toSeconds())
                .executeUpdate());
    }

    /**
     * The job, locked for the caller's transaction, if this replica still holds it; a batch writes its progress
     * through this, so that a replica that lost its claim writes nothing.
     */
    public ImportJob held(UUID jobId) {
        ImportJob job = entityManager.find(ImportJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (!holder.equals(job.claimedBy)) {
            throw new ClaimLost(jobId, job.claimedBy);
        }
        return job;
    }

    /** Gives the job up unfinished: the next replica to claim it resumes after its last committed batch. */
    public void release(UUID jobId) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                update import_job set claimed_by = null, lease_until = null where id = :id and claimed_by = :holder""")
                .setParameter("id", jobId).setParameter("holder", holder).executeUpdate());
    }

    /** Ends the job as {@code status} (completed or failed), deleting its file, if this replica still holds it. */
    public void finish(UUID jobId, String status, String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = entityManager.find(ImportJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
            if (!holder.equals(job.claimedBy)) {
                LOG.warnf("Import %s: not ended as %s here, it is now run by %s", jobId, status, job.claimedBy);
                return;
            }
            job.status = status;
            job.failure = failure;
            job.finishedAt = Instant.now();
            job.claimedBy = null;
            job.leaseUntil = null;
            if ("completed".equals(status)) {
                job.bytesRead = job.bytesTotal;
            }
            files.delete(jobId);
        });
    }

    private static String hostname() {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? "localhost" : name;
    }
}
