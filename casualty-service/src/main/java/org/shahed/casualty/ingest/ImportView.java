package org.shahed.casualty.ingest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CasualtyImport", description = "A bulk import job and its progress")
public record ImportView(
        UUID id,
        @Schema(example = "csv") String format,
        @Schema(description = "queued, running, completed or failed", example = "completed") String status,
        long rowsRead,
        long rowsAccepted,
        long rowsRejected,
        @Schema(description = "Share of the file processed, 0 to 100") int percent,
        @Schema(description = "Why the job failed as a whole (rows' errors are at /errors)") String failure,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    static ImportView of(ImportJob job) {
        int percent = job.bytesTotal == 0 ? 100 : (int) Math.min(100, job.bytesRead * 100 / job.bytesTotal);
        return new ImportView(job.id, job.format, job.status, job.rowsRead, job.rowsAccepted, job.rowsRejected,
                percent, job.failure, job.createdAt, job.startedAt, job.finishedAt);
    }
}
