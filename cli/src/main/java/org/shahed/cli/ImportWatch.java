package org.shahed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows an import job to its end: a live progress line on a terminal (rows read, accepted, rejected, rate, ETA;
 * nothing when the output is not a terminal), then the rejected rows written out in the file's own terms.
 */
final class ImportWatch {
    private static final Duration POLL = Duration.ofMillis(500);

    private ImportWatch() {
    }

    /**
     * Polls job {@code id} until it has ended; answers its last state. Progress goes to {@code progress}: redrawn in
     * place on a terminal ({@code redraw}), else one plain line each time it moves (for logs), or nowhere when null.
     */
    static JsonNode follow(Gateway gateway, String id, PrintWriter progress, boolean redraw) throws InterruptedException {
        String last = null;
        Instant started = Instant.now();
        long firstRows = -1;
        boolean drawn = false;
        while (true) {
            JsonNode job = gateway.get("/api/v1/casualty-imports/" + id);
            String status = job.path("status").asText();
            if (progress != null) {
                long read = job.path("rowsRead").asLong();
                if (firstRows < 0) {
                    firstRows = read;
                }
                double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
                double rate = (read - firstRows) / seconds;
                int percent = job.path("percent").asInt();
                String eta = rate > 0 && percent > 0 && percent < 100
                        ? ", ETA " + Math.round(seconds * (100 - percent) / percent) + " s" : "";
                int filled = percent / 5;
                String counts = percent + "%  " + read + " rows read, " + job.path("rowsAccepted").asLong() + " accepted, "
                        + job.path("rowsRejected").asLong() + " rejected";
                if (redraw) {
                    progress.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + counts + ", " + Math.round(rate)
                            + " rows/s" + eta + "   ");
                    drawn = true;
                } else if (!counts.equals(last)) {
                    progress.println("progress: " + counts);
                }
                last = counts;
                progress.flush();
            }
            if ("completed".equals(status) || "failed".equals(status)) {
                if (drawn) {
                    progress.println();
                    progress.flush();
                }
                return job;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The job's rejected rows as CSV (row, column, reason, external_id), every page of them; answers how many. */
    static long writeErrors(Gateway gateway, String id, Path file) throws IOException {
        long[] written = { 0 };
        WholeFiles.replace(file, partial -> {
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                            .setHeader("row", "column", "reason", "external_id").build())) {
                String cursor = null;
                do {
                    JsonNode page = gateway.get("/api/v1/casualty-imports/" + id + "/errors?limit=500"
                            + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                    for (JsonNode error : page.path("items")) {
                        csv.printRecord(error.path("row").asLong(), error.path("field").asText(""), error.path("reason").asText(),
                                error.path("externalId").asText(""));
                        written[0]++;
                    }
                    cursor = page.path("hasMore").asBoolean(false) ? page.path("next").asText(null) : null;
                } while (cursor != null);
            }
        });
        return written[0];
    }

    /** One line on how the job ended, for people. */
    static String summary(JsonNode job) {
        return "import " + job.path("id").asText() + " " + job.path("status").asText() + ": " + job.path("rowsRead").asLong()
                + " rows read, " + job.path("rowsAccepted").asLong() + " accepted (" + job.path("rowsCreated").asLong()
                + " created, " + job.path("rowsUpdated").asLong() + " updated, " + job.path("rowsUnchanged").asLong()
                + " unchanged), " + job.path("rowsRejected").asLong() + " rejected"
                + (job.hasNonNull("failure") ? "; failed: " + job.path("failure").asText() : "");
    }
}
