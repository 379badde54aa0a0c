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
import java.nio.file.StandardCopyOption;
import java.time.Instant;
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
import jakarta.ws.rs.core.Response;

/**
 * Accepts bulk imports: checks what can be checked at once (UTF-8 throughout, known CSV columns, the required
 * ones present), keeps the file, and queues the job. The same Idempotency-Key from the same caller returns the first
 * job (keys are the caller's own: another caller's key is another job).
 */
@ApplicationScoped
public class Imports {
    @Inject
    ImportConfig config;
    @Inject
    ImportWorker worker;

    public record Accepted(ImportJob job, boolean isNew) {
    }

    /** Starts a job for {@code by} of {@code organisation}; the same caller's Idempotency-Key returns its first job. */
    public Accepted accept(Path upload, String format, String idempotencyKey, String by, String organisation) {
        if (idempotencyKey != null) {
            Optional<ImportJob> earlier = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>find(
                    "createdBy = ?1 and idempotencyKey = ?2", by, idempotencyKey).firstResultOptional());
            if (earlier.isPresent()) {
                return new Accepted(earlier.get(), false);
            }
        }
        requireUtf8(upload);
        if ("csv".equals(format)) {
            checkCsvHeader(upload);
        }
        UUID id = UUID.randomUUID();
        Path kept;
        long size;
        try {
            Files.createDirectories(config.directory());
            kept = config.directory().resolve(id + "." + format);
            Files.move(upload, kept, StandardCopyOption.REPLACE_EXISTING);
            size = Files.size(kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob created = new ImportJob();
            created.id = id;
            created.idempotencyKey = idempotencyKey;
            created.format = format;
            created.status = "queued";
            created.filePath = kept.toString();
            created.bytesTotal = size;
            created.createdAt = Instant.now();
            created.createdBy = by;
            created.organisation = organisation;
            created.persist();
            return created;
        });
        worker.submit(job.id);
        return new Accepted(job, true);
    }

    private static void requireUtf8(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] chunk = new byte[64 * 1024];
        ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 8);
        CharBuffer chars = CharBuffer.allocate(chunk.length + 8);
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
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
        } catch (CharacterCodingException e) {
            throw new BadRequestException(Problem.of(Response.Status.BAD_REQUEST,
                    "the file is not UTF-8 text; save it as UTF-8 (Arabic text included) and send it again", null)
                    .withViolations(List.of(new Problem.Violation("body", "encoding", "not UTF-8"))).toResponse());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkCsvHeader(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
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
