package org.shahed.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.shahed.media.MediaConfig;
import org.shahed.media.asset.MediaDescription;
import org.shahed.media.inspect.Sha256;
import org.shahed.media.storage.ObjectStore;
import org.shahed.platform.store.SoleRunner;
import org.shahed.platform.web.Problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

/**
 * Resumable uploads for large files over unreliable links: the client opens a session with the file's size, sends
 * numbered parts in any order and as often as needed (a part sent again replaces itself), asks which parts
 * arrived to resume after a cut, and completes. Parts wait as staging objects in the working bucket, so any
 * replica can take any part. On completion the parts are joined, streaming, into one file that goes through the
 * ordinary upload (hash, type, metadata, write-once original, custody); until then no asset exists. An aborted
 * or expired session leaves nothing behind.
 */
@ApplicationScoped
public class ResumableUploads {
    @Inject
    MediaConfig config;
    private static final Logger LOG = Logger.getLogger(ResumableUploads.class);
    private static final long MIN_PART = 1024L * 1024;
    private static final long MAX_PART = 1024L * 1024 * 1024;

    @Inject
    SoleRunner soleRunner;
    @Inject
    ObjectStore store;
    @Inject
    Uploads uploads;
    @Inject
    ObjectMapper json;

    /** What a client says when it opens a session. */
    public record Opening(long totalBytes, Long partBytes, String fileName, String contentType, String sha256,
            MediaDescription.Acquisition acquisition) {
    }

    public UploadSession open(Opening opening, String by) {
        if (opening.totalBytes() < 1 || opening.totalBytes() > config.maxUploadBytes()) {
            throw Problems.invalidField("totalBytes", "between 1 and " + config.maxUploadBytes());
        }
        long partBytes = opening.partBytes() == null ? config.uploads().partBytes() : opening.partBytes();
        if (partBytes < MIN_PART || partBytes > MAX_PART) {
            throw Problems.invalidField("partBytes", "between " + MIN_PART + " and " + MAX_PART);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return QuarkusTransaction.requiringNew().call(() -> {
            UploadSession session = new UploadSession();
            session.id = UUID.randomUUID();
            session.fileName = opening.fileName();
            session.declaredType = opening.contentType();
            session.clientSha256 = opening.sha256();
            session.totalBytes = opening.totalBytes();
            session.partBytes = partBytes;
            session.acquisition = opening.acquisition() == null ? null : write(opening.acquisition());
            session.status = "open";
            session.createdAt = now;
            session.createdBy = by;
            session.expiresAt = now.plus(config.uploads().keepFor());
            session.persist();
            return session;
        });
    }

    /** The session as its creator sees it; others get 404 (a session is not shared). */
    public UploadSession session(UUID id, String by) {
        UploadSession session = QuarkusTransaction.requiringNew().call(() -> UploadSession.<UploadSession>findById(id));
        if (session == null || !session.createdBy.equals(by)) {
            throw Problems.notFound("upload " + id);
        }
        return session;
    }

    public List<UploadPart> parts(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> UploadPart.<UploadPart>list("sessionId = ?1 order by number", id));
    }

    public UploadPart putPart(UUID id, int number, Path file, String by) {
        UploadSession session = open(id, by);
        if (number < 1 || number > session.partCount()) {
            throw Problems.invalidParameter("number", "between 1 and " + session.partCount());
        }
        long size = size(file);
        if (size != session.expectedSize(number)) {
            throw Problems.invalidField("body", "part " + number + " must have " + session.expectedSize(number)
                    + " bytes, it has " + size);
        }
        String sha256 = Sha256.of(file);
        store.putFile(store.workingBucket(), partKey(id, number), file, "application/octet-stream", Map.of());
        return QuarkusTransaction.requiringNew().call(() -> {
            UploadPart part = UploadPart.findById(new UploadPart.Key(id, number));
            if (part == null) {
                part = new UploadPart();
                part.sessionId = id;
                part.number = number;
            }
            part.sizeBytes = size;
            part.sha256 = sha256;
            part.persist();
            return part;
        });
    }

    /** Joins the parts into the file and uploads it as one; the session ends either way. */
    public Uploads.Stored complete(UUID id, String by, String organisation) {
        UploadSession session = open(id, by);
        List<UploadPart> received = parts(id);
        if (received.size() != session.partCount()) {
            throw Problems.conflict("parts missing: " + received.size() + " of " + session.partCount() + " received");
        }
        Path joined = null;
        try {
            joined = Files.createTempFile("shahed-upload-", ".part");
            try (OutputStream out = Files.newOutputStream(joined)) {
                for (int number = 1; number <= session.partCount(); number++) {
                    try (InputStream in = store.read(store.workingBucket(), partKey(id, number), 0, null)) {
                        in.transferTo(out);
                    }
                }
            }
            MediaDescription.Acquisition acquisition = session.acquisition == null ? null
                    : json.readValue(session.acquisition, MediaDescription.Acquisition.class);
            Uploads.Stored stored = uploads.accept(new Uploads.Received(joined, session.declaredType, session.fileName,
                    session.clientSha256, acquisition, by, organisation));
            end(id, "completed", stored.asset().id);
            return stored;
        } catch (WebApplicationException e) {
            end(id, "aborted", null); // the joined file was refused: nothing of it is kept
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (joined != null) {
                try {
                    Files.deleteIfExists(joined);
                } catch (IOException e) {
                    LOG.warnf("Could not remove %s: %s", joined, e.getMessage());
                }
            }
        }
    }

    public void abort(UUID id, String by) {
        open(id, by);
        end(id, "aborted", null);
    }

    @Scheduled(every = "${shahed.media.uploads.sweep-every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        // One replica at a time: two would remove the same parts and end the same sessions twice.
        soleRunner.runAlone("expire-uploads", () -> {
            List<UUID> expired = QuarkusTransaction.requiringNew().call(() -> UploadSession.<UploadSession>list(
                    "status = 'open' and expiresAt < ?1", Instant.now()).stream().map(s -> s.id).toList());
            expired.forEach(id -> end(id, "expired", null));
        });
    }

    /** Ends a session and removes its staging objects. */
    void end(UUID id, String status, UUID assetId) {
        for (UploadPart part : parts(id)) {
            try {
                store.remove(store.workingBucket(), partKey(id, part.number));
            } catch (RuntimeException e) {
                LOG.warnf("Could not remove part %d of upload %s: %s", part.number, id, e.getMessage());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            UploadSession session = UploadSession.findById(id);
            session.status = status;
            session.assetId = assetId;
        });
    }

    private UploadSession open(UUID id, String by) {
        UploadSession session = session(id, by);
        if (!"open".equals(session.status)) {
            throw Problems.conflict("upload " + id + " is " + session.status);
        }
        if (session.expiresAt.isBefore(Instant.now())) {
            throw Problems.conflict("upload " + id + " expired at " + session.expiresAt);
        }
        return session;
    }

    private static String partKey(UUID id, int number) {
        return "uploads/" + id + "/" + number;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
