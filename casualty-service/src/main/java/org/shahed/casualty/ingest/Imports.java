package org.shahed.casualty.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.shahed.platform.web.Problem;
import org.shahed.platform.web.Problems;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/**
 * Accepts bulk imports: checks what can be checked at once (UTF-8 throughout, known CSV columns, the required
 * ones present), keeps the file with the job (in the database, where any replica can read it), and queues it. The
 * same Idempotency-Key from the same caller returns the first job (keys are the caller's own: another caller's key is
 * another job).
 */
@ApplicationScoped
public class Imports {
    @Inject
    ImportFiles files;
    @Inject
    ImportWorker worker;

    public record Accepted(ImportJob job, boolean isNew) {
    }

    /** Starts a job for {@code by} of {@code organisation}; the same caller's Idempotency-Key returns its first job. */
    public Accepted accept(Path upload, String format, boolean dryRun, String idempotencyKey, String by,
            String organisation) {
        if (idempotencyKey != null && idempotencyKey.length() > 200) {
            throw Problems.invalidHeader("Idempotency-Key", "at most 200 characters");
        }
        String hash = requireUtf8(upload) + (dryRun ? ";dry-run" : "");
        if (idempotencyKey != null) {
            Optional<ImportJob> earlier = earlier(by, idempotencyKey, hash);
            if (earlier.isPresent()) {
                return new Accepted(earlier.get(), false);
            }
        }
        if ("csv".equals(format)) {
            checkCsvHeader(upload);
        }
        UUID id = UUID.randomUUID();
        long size;
        try {
            size = Files.size(upload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportJob job;
        try {
            // The job and its file in one transaction: a job never waits for a file that is not there.
            job = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            ImportJob created = new ImportJob();
            created.id = id;
            created.idempotencyKey = idempotencyKey;
            created.requestHash = hash;
            created.dryRun = dryRun;
            created.format = format;
            created.status = "queued";
            created.bytesTotal = size;
            created.createdAt = Instant.now();
            created.createdBy = by;
            created.organisation = organisation;
            created.persist();
            created.flush();
            files.store(id, upload);
            return created;
            });
        } catch (RuntimeException raced) {
            // The same caller's same key, sent twice at once: the other request's job is the one.
            Optional<ImportJob> earlier = idempotencyKey == null ? Optional.empty() : earlier(by, idempotencyKey, hash);
            if (earlier.isEmpty()) {
                throw raced;
            }
            return new Accepted(earlier.get(), false);
        }
        worker.wakeUp();
        return new Accepted(job, true);
    }

    /**
     * The job this caller started with this key, if any; 422 naming the key when it was started with another file.
     */
    private static Optional<ImportJob> earlier(String by, String idempotencyKey, String hash) {
        Optional<ImportJob> earlier = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>find(
                "createdBy = ?1 and idempotencyKey = ?2", by, idempotencyKey).firstResultOptional());
        if (earlier.isPresent() && earlier.get().requestHash != null && !earlier.get().requestHash.equals(hash)) {
            throw new ClientErrorException(Problem.of(422, "Unprocessable Content",
                    "this Idempotency-Key started an import of another file (or a dry run of it, or an import of it after a dry run); use a new key for a new request")
                    .withViolations(List.of(new Problem.Violation("header", "Idempotency-Key", "reused for another file")))
                    .toResponse());
        }
        return earlier;
    }

    /** Checks the file is UTF-8 throughout, and returns its SHA-256 (hex), read in the same pass. */
    private static String requireUtf8(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] chunk = new byte[64 * 1024];
        MessageDigest sha256 = sha256();
        ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 8);
        CharBuffer chars = CharBuffer.allocate(chunk.length + 8);
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                sha256.update(chunk, 0, n);
                bytes.put(chunk, 0, n).flip();
                var result = decoder.decode(bytes, chars, false);
                if (result.isError()) {
                    result.throwException();
                }
                bytes.compact();
                chars.clear();
            }
            bytes.flip();
            var result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                result.throwException();
            }
            result = decoder.flush(chars);
            if (result.isError()) {
                result.throwException();
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (CharacterCodingException e) {
            throw new BadRequestException(Problem.of(Response.Status.BAD_REQUEST,
                    "the file is not UTF-8 text; save it as UTF-8 (Arabic text included) and send it again", null)
                    .withViolations(List.of(new Problem.Violation("body", "encoding", "not UTF-8"))).toResponse());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkCsvHeader(Path file) {
        try (Reader reader = CsvColumns.withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setTrim(true).get().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!CsvColumns.PATHS.containsKey(column)) {
                    throw Problems.invalidField(column, "unknown column; the columns are " + String.join(", ", CsvColumns.PATHS.keySet()));
                }
            }
            for (String required : CsvColumns.REQUIRED) {
                if (!header.contains(required)) {
                    throw Problems.invalidField(required, "required column missing");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw Problems.invalidField("header", "not a CSV header row: " + e.getMessage());
        }
    }
}
