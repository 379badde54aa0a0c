package org.shahed.cli;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shahed import casualties FILE}: a bulk import under an idempotency key derived from the file's SHA-256,
 * so that running the same command again never imports the file twice; followed to its end unless detached.
 */
@Command(name = "import", description = "Bulk imports.", subcommands = { ImportCommand.Casualties.class },
        mixinStandardHelpOptions = true)
class ImportCommand {

    @Command(name = "casualties", mixinStandardHelpOptions = true,
            description = "Imports casualty records from a CSV (with a header row) or NDJSON file. Running it again with"
                    + " the same file answers the first import's job: nothing is imported twice. Rejected rows are written"
                    + " to FILE.errors.csv (row, column, reason, external_id); the exit code is then 1 unless"
                    + " --accept-rejected.")
    static class Casualties extends ApiCommand {
        @Parameters(paramLabel = "FILE", description = "A .csv or .ndjson (.jsonl) file")
        Path file;

        @Option(names = "--detach", description = "Print the job's id and return; follow it later with shahed jobs watch ID")
        boolean detach;

        @Option(names = "--dry-run", description = "Only check the file: count what an import would do, write nothing")
        boolean dryRun;

        @Option(names = "--accept-rejected", description = "Exit 0 even when rows were rejected")
        boolean acceptRejected;

        @Option(names = "--progress", description = "Report progress even when the output is not a terminal: a plain"
                + " line on standard error each time it moves (on a terminal a bar is drawn anyway)")
        boolean progress;

        @Override
        int run(Gateway gateway) throws Exception {
            String name = file.getFileName().toString().toLowerCase();
            String type = name.endsWith(".csv") ? "text/csv"
                    : name.endsWith(".ndjson") || name.endsWith(".jsonl") ? "application/x-ndjson" : null;
            if (type == null || !Files.isRegularFile(file)) {
                throw new Connection.Misconfigured(file + " is not a .csv or .ndjson file");
            }
            String key = "shahed-cli-import-" + sha256(file) + (dryRun ? "-dry-run" : "");
            HttpResponse<byte[]> started = gateway.send(gateway.request("/api/v1/casualty-imports" + (dryRun ? "?dryRun=true" : ""))
                    .header("Content-Type", type).header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)), true, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode job = Gateway.json(started);
            String id = job.path("id").asText();
            if (detach) {
                out().println(connection.json() ? Gateway.JSON.writeValueAsString(job) : id);
                out().flush();
                return ExitCodes.OK;
            }
            return finish(this, gateway, id, file.resolveSibling(file.getFileName() + ".errors.csv"), acceptRejected, progress);
        }
    }

    /** Follows the job, writes its rejected rows, reports, and answers the exit code. */
    static int finish(ApiCommand command, Gateway gateway, String id, Path errors, boolean acceptRejected, boolean progress)
            throws Exception {
        boolean shown = !command.connection.quiet && !command.connection.json();
        boolean terminal = System.console() != null && shown;
        JsonNode job = ImportWatch.follow(gateway, id, terminal || progress && shown ? command.spec.commandLine().getErr() : null,
                terminal);
        long rejected = job.path("rowsRejected").asLong();
        if (rejected > 0) {
            ImportWatch.writeErrors(gateway, id, errors);
        }
        if (command.connection.json()) {
            command.printJson(job);
        } else {
            command.out().println(ImportWatch.summary(job));
            if (rejected > 0) {
                command.out().println("rejected rows: " + errors);
            }
            command.out().flush();
        }
        if ("failed".equals(job.path("status").asText())) {
            return ExitCodes.CHECK_FAILED;
        }
        return rejected > 0 && !acceptRejected ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
