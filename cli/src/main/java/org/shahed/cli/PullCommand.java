package org.shahed.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shahed pull incidents|casualties|media --into DIR}: a mirror kept equal to what the caller's role may read
 * now, from the changes feed. Each record is a file {@code DIR/<kind>/<id>.json}; a tombstone (deleted, merged,
 * retracted, no longer visible) removes it and is noted in {@code DIR/<kind>.removed.ndjson}; {@code DIR/<kind>.ndjson}
 * is rewritten from the records at the end. The feed's cursor is kept after each page in {@code DIR/.<kind>.cursor},
 * so a run that stops resumes where it was; a lock file keeps two runs (cron) from mirroring at once, and every file
 * is written whole or not at all.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Mirrors incidents, casualties or media into a folder from the changes feed, incrementally and"
                + " resumably: DIR/KIND/ID.json per record, DIR/KIND.ndjson of them all, removals in DIR/KIND.removed.ndjson."
                + " Safe to run from cron.")
class PullCommand extends ApiCommand {
    enum Kind {
        incidents("incident"), casualties("record"), media("media");

        final String member;

        Kind(String member) {
            this.member = member;
        }
    }

    @Parameters(paramLabel = "KIND", description = "incidents, casualties or media")
    Kind kind;

    @Option(names = "--into", required = true, paramLabel = "DIR", description = "The mirror's folder (made if missing)")
    Path into;

    @Option(names = "--csv", description = "Also write DIR/KIND.csv, the API's CSV export of what the role reads now"
            + " (incidents and casualties)")
    boolean csv;

    @Option(names = "--hxl", description = "With --csv: the HXL hashtag row under the header")
    boolean hxl;

    @Override
    int run(Gateway gateway) throws Exception {
        if (csv && kind == Kind.media) {
            throw new Connection.Misconfigured("--csv is for incidents and casualties");
        }
        Path records = into.resolve(kind.name());
        Files.createDirectories(records);
        try (FileChannel lockFile = FileChannel.open(into.resolve(".pull.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new Connection.Misconfigured("another pull is mirroring into " + into + " now");
            }
            Path cursorFile = into.resolve("." + kind.name() + ".cursor");
            String cursor = Files.exists(cursorFile) ? Files.readString(cursorFile).trim() : null;
            long upserted = 0;
            long removed = 0;
            boolean more = true;
            while (more) {
                JsonNode page = gateway.get("/api/v1/" + kind.name() + "/changes?limit=500"
                        + (cursor == null || cursor.isEmpty() ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                for (JsonNode change : page.path("items")) {
                    Path file = records.resolve(safe(change.path("id").asText()) + ".json");
                    if (change.path("tombstone").asBoolean()) {
                        if (Files.deleteIfExists(file)) {
                            removed++;
                        }
                        ObjectNode removal = Gateway.JSON.createObjectNode();
                        for (String field : List.of("id", "reference", "change", "changedAt", "survivorId", "reason")) {
                            if (change.hasNonNull(field)) {
                                removal.set(field, change.get(field));
                            }
                        }
                        Files.writeString(into.resolve(kind.name() + ".removed.ndjson"), removal + "\n", StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } else {
                        WholeFiles.write(file, Gateway.JSON.writeValueAsBytes(change.path(kind.member)));
                        upserted++;
                    }
                }
                String next = page.path("next").asText(null);
                if (next != null) {
                    cursor = next;
                    WholeFiles.write(cursorFile, cursor.getBytes(StandardCharsets.UTF_8));
                }
                more = page.path("hasMore").asBoolean(false) && next != null;
            }
            long held = rebuild(records, into.resolve(kind.name() + ".ndjson"));
            if (csv) {
                var export = gateway.send(gateway.request("/api/v1/" + kind.name() + "/export.csv" + (hxl ? "?hxl=true" : ""))
                        .setHeader("Accept", "text/csv").GET(), true, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                try (var in = export.body()) {
                    WholeFiles.copy(in, into.resolve(kind.name() + ".csv"));
                }
            }
            if (connection.json()) {
                printJson(Gateway.JSON.createObjectNode().put("kind", kind.name()).put("upserted", upserted)
                        .put("removed", removed).put("held", held));
            } else {
                out().println(kind.name() + ": " + upserted + " added or changed, " + removed + " removed; the mirror holds "
                        + held + " (" + into.resolve(kind.name() + ".ndjson") + ")");
                out().flush();
            }
            return ExitCodes.OK;
        }
    }

    /** The NDJSON of every record held, in id order, written whole. */
    private static long rebuild(Path records, Path ndjson) throws IOException {
        long[] held = { 0 };
        WholeFiles.replace(ndjson, partial -> {
            try (Stream<Path> files = Files.list(records); BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json")).sorted()::iterator) {
                    out.write(Files.readString(file, StandardCharsets.UTF_8));
                    out.write('\n');
                    held[0]++;
                }
            }
        });
        return held[0];
    }

    /** An id as a file name: the API's ids are UUIDs; anything else is refused rather than trusted as a path. */
    private static String safe(String id) {
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw new Gateway.Unavailable("the feed gave an id that is not a UUID: " + id);
        }
        return id;
    }
}
