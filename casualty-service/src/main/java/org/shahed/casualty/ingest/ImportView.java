package org.shahed.casualty.ingest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CasualtyImport", description = "A bulk import job and its progress")
public record ImportView(
        UUID id,
        @Schema(example = "csv") String format,
        @Schema(description = "queued, running, completed or failed", example = "completed") String status,
        @Schema(description = "True when the file is only checked: the counts say what an import would do, nothing is written") boolean dryRun,
        long rowsRead,
        @Schema(description = "Rows without errors: rowsCreated + rowsUpdated + rowsUnchanged") long rowsAccepted,
        @Schema(description = "Rows refused; their errors are at /errors") long rowsRejected,
        @Schema(description = "Accepted rows that made a new record") long rowsCreated,
        @Schema(description = "Accepted rows that changed the record of the same source_system and external_id") long rowsUpdated,
        @Schema(description = "Accepted rows identical to the record already held") long rowsUnchanged,
        @Schema(description = "Share of the file processed, 0 to 100") int percent,
        @Schema(description = "Why the job failed as a whole (rows' errors are at /errors)") String failure,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    static ImportView of(ImportJob job) {
        int percent = job.bytesTotal == 0 ? 100 : (int) Math.min(100, job.bytesRead * 100 / job.bytesTotal);
        return new ImportView(job.id, job.format, job.status, job.dryRun, job.rowsRead, job.rowsAccepted,
                job.rowsRejected, job.rowsCreated, job.rowsUpdated, job.rowsUnchanged, percent, job.failure, job.createdAt, job.startedAt, job.finishedAt);
    }
}
