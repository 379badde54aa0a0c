package org.shahed.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shahed upload FILE|DIR...}: evidence files sent in resumable parts. Each file's SHA-256 is computed here
 * first; the session of a file is remembered (by that hash) under {@code ~/.cache/shahed/uploads}, so that a cut
 * connection or a killed command resumes where it stopped, sending only the parts that did not arrive. The hash
 * the suite stored is checked against the one computed here.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Uploads evidence files (directories: every file in them) in resumable parts, resuming an"
                + " interrupted upload of the same file; checks the stored SHA-256 against the local one; prints what was"
                + " stored, what was already there (same hash) and what was refused, and exits 1 if anything was refused.")
class UploadCommand extends ApiCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories")
    List<Path> paths;

    @Option(names = "--acquisition-method", paramLabel = "METHOD", defaultValue = "partner-transfer",
            description = "direct-from-witness, downloaded, capture-tool, partner-transfer... (default: ${DEFAULT-VALUE})")
    String acquisitionMethod;

    @Option(names = "--acquired-at", paramLabel = "INSTANT", description = "When the files were obtained, UTC (ISO-8601)")
    Instant acquiredAt;

    @Option(names = "--acquired-by", paramLabel = "WHO", description = "Who obtained them")
    String acquiredBy;

    @Option(names = "--source-url", paramLabel = "URL", description = "Where they were downloaded from")
    String sourceUrl;

    @Option(names = "--incident", paramLabel = "ID", description = "Link every file to this incident")
    UUID incident;

    @Option(names = "--part-size", paramLabel = "MIB", defaultValue = "64", description = "MiB per part, 1 to 1024 (default: ${DEFAULT-VALUE})")
    int partMiB;

    @Option(names = "--limit-rate", paramLabel = "BYTES", description = "Send at most this many bytes per second (e.g. 500000)")
    Long limitRate;

    /** For the progress line: all the bytes to send, those sent (or found sent) so far, which file of how many. */
    private long allBytes;
    private long doneBytes;
    private int fileIndex;
    private int fileCount;

    /** How one file ended. */
    record Outcome(Path file, String result, String mediaId, String detail) {
    }

    @Override
    int run(Gateway gateway) throws Exception {
        if (partMiB < 1 || partMiB > 1024) {
            throw new Connection.Misconfigured("--part-size is 1 to 1024 MiB");
        }
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new Connection.Misconfigured(path + " is neither a file nor a directory");
            }
        }
        boolean terminal = System.console() != null && !connection.quiet && !connection.json();
        PrintWriter progress = terminal ? spec.commandLine().getErr() : null;
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            allBytes += Files.size(file);
        }
        fileCount = files.size();
        for (Path file : files) {
            fileIndex++;
            try {
                outcomes.add(upload(gateway, file, progress));
            } catch (Gateway.Refused e) {
                outcomes.add(new Outcome(file, "refused", null, e.getMessage().replace('\n', ' ')));
            }
        }
        long refused = outcomes.stream().filter(o -> o.result().equals("refused") || o.result().equals("differs")).count();
        if (connection.json()) {
            printJson(outcomes.stream().map(o -> Gateway.JSON.createObjectNode().put("file", o.file().toString())
                    .put("result", o.result()).put("mediaId", o.mediaId()).put("detail", o.detail())).toList());
        } else {
            for (Outcome outcome : outcomes) {
                out().println(outcome.result() + "  " + outcome.file() + (outcome.mediaId() != null ? "  " + outcome.mediaId() : "")
                        + (outcome.detail() != null ? "  " + outcome.detail() : ""));
            }
            out().println(outcomes.stream().filter(o -> o.result().equals("stored")).count() + " stored, "
                    + outcomes.stream().filter(o -> o.result().equals("present")).count() + " already present, " + refused
                    + " refused");
            out().flush();
        }
        return refused > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private Outcome upload(Gateway gateway, Path file, PrintWriter progress) throws Exception {
        String sha256 = ImportCommand.sha256(file);
        long size = Files.size(file);
        Path state = stateDir().resolve(sha256 + ".json");
        JsonNode session = resumable(gateway, state);
        if (session == null) {
            ObjectNode opening = Gateway.JSON.createObjectNode().put("totalBytes", size)
                    .put("partBytes", Math.min((long) partMiB << 20, Math.max(1L << 20, size)))
                    .put("fileName", file.getFileName().toString()).put("sha256", sha256);
            ObjectNode acquisition = opening.putObject("acquisition").put("method", acquisitionMethod);
            if (acquiredAt != null) {
                acquisition.put("acquiredAt", acquiredAt.toString());
            }
            if (acquiredBy != null) {
                acquisition.put("acquiredBy", acquiredBy);
            }
            if (sourceUrl != null) {
                acquisition.put("sourceUrl", sourceUrl);
            }
            session = Gateway.json(gateway.send(gateway.request("/api/v1/media/uploads").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(opening.toString())), false, HttpResponse.BodyHandlers.ofByteArray()));
            Files.createDirectories(state.getParent());
            WholeFiles.write(state, Gateway.JSON.writeValueAsBytes(Gateway.JSON.createObjectNode()
                    .put("session", session.path("id").asText()).put("file", file.toAbsolutePath().toString())));
        } else if (!connection.quiet) {
            spec.commandLine().getErr().println("resuming " + file + ": " + session.path("receivedParts").size() + " of "
                    + session.path("partCount").asInt() + " parts already sent");
            spec.commandLine().getErr().flush();
        }
        String id = session.path("id").asText();
        long partBytes = session.path("partBytes").asLong();
        int partCount = session.path("partCount").asInt();
        Set<Integer> received = new HashSet<>();
        session.path("receivedParts").forEach(n -> received.add(n.asInt()));
        long sent = session.path("receivedBytes").asLong();
        doneBytes += sent;
        for (int number = 1; number <= partCount; number++) {
            if (received.contains(number)) {
                continue;
            }
            long offset = (number - 1) * partBytes;
            long length = Math.min(partBytes, size - offset);
            HttpRequest.BodyPublisher part = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, offset, length)), length);
            gateway.send(gateway.request("/api/v1/media/uploads/" + id + "/parts/" + number)
                    .header("Content-Type", "application/octet-stream").PUT(part), true, HttpResponse.BodyHandlers.discarding());
            sent += length;
            doneBytes += length;
            if (progress != null) {
                int percent = (int) (sent * 100 / Math.max(1, size));
                progress.print("\r(" + fileIndex + "/" + fileCount + ") " + file.getFileName() + " [" + "#".repeat(percent / 5)
                        + " ".repeat(20 - percent / 5) + "] " + percent + "%  part " + number + " of " + partCount + "; all files "
                        + doneBytes * 100 / Math.max(1, allBytes) + "%   ");
                progress.flush();
            }
        }
        if (progress != null) {
            progress.println();
        }
        HttpResponse<byte[]> completed = gateway.send(gateway.request("/api/v1/media/uploads/" + id + "/complete")
                .POST(HttpRequest.BodyPublishers.noBody()), true, HttpResponse.BodyHandlers.ofByteArray());
        Files.deleteIfExists(state);
        JsonNode media = Gateway.json(completed);
        String mediaId = media.path("id").asText();
        if (!sha256.equals(media.path("sha256").asText())) {
            return new Outcome(file, "differs", mediaId, "stored SHA-256 " + media.path("sha256").asText()
                    + " is not the file's " + sha256);
        }
        if (incident != null) {
            gateway.send(gateway.request("/api/v1/media/" + mediaId + "/links").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Gateway.JSON.createObjectNode().put("targetType", "incident")
                            .put("targetId", incident.toString()).put("reason", "uploaded with shahed upload --incident")
                            .toString())), false, HttpResponse.BodyHandlers.discarding());
        }
        return new Outcome(file, completed.statusCode() == 201 ? "stored" : "present", mediaId, "SHA-256 " + sha256 + " verified");
    }

    /** The remembered session of this file, if it can still take parts. */
    private JsonNode resumable(Gateway gateway, Path state) throws IOException {
        if (!Files.exists(state)) {
            return null;
        }
        String id = Gateway.JSON.readTree(state.toFile()).path("session").asText();
        try {
            JsonNode session = gateway.get("/api/v1/media/uploads/" + id);
            return "open".equals(session.path("status").asText()) ? session : null;
        } catch (Gateway.Refused gone) {
            return null; // expired, completed or abandoned: start again
        }
    }

    private static Path stateDir() {
        return Connection.folder("XDG_CACHE_HOME", ".cache").resolve("uploads");
    }

    /** The bytes of one part, read from the file as they are sent (paced when --limit-rate is given). */
    private InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file);
            channel.position(offset);
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
            InputStream bounded = new FilterInputStream(in) {
                long left = length;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(buffer, off, (int) Math.min(len, Math.min(left, limitRate == null ? len : Math.max(1, limitRate / 10))));
                    if (n > 0) {
                        left -= n;
                        pace(n);
                    }
                    return n;
                }
            };
            return bounded;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void pace(int bytes) {
        if (limitRate != null) {
            try {
                Thread.sleep(Math.max(1, bytes * 1000L / limitRate));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
