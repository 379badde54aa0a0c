package org.shahed.media.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.shahed.media.MediaConfig;
import org.shahed.media.asset.MediaAsset;
import org.shahed.media.asset.MediaAssets;
import org.shahed.media.asset.MediaDescription;
import org.shahed.media.asset.MediaMapper;
import org.shahed.media.custody.CustodyLog;
import org.shahed.media.custody.TrustedTimestamps;
import org.shahed.platform.timestamps.TimeStampClient;
import org.shahed.media.derivative.ImageDerivatives;
import org.shahed.media.derivative.MediaDerivative;
import org.shahed.media.inspect.EmbeddedMetadata;
import org.shahed.media.inspect.FileNames;
import org.shahed.media.inspect.MediaTypes;
import org.shahed.media.inspect.OfficeDocuments;
import org.shahed.media.inspect.Sha256;
import org.shahed.media.storage.ObjectStore;
import org.shahed.platform.web.Problem;
import org.shahed.platform.web.Problems;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/**
 * Takes in an evidence file that the HTTP layer has streamed to disk: hashes it, decides what it is from its bytes,
 * reads its embedded metadata, stores the untouched original write-once under its hash in the evidence bucket,
 * makes metadata-free copies of photos, and records the asset with the first links of its chain of custody. The
 * same bytes sent again give the existing asset. When anything fails, nothing is left behind: no row, and no
 * object that no asset owns.
 */
@ApplicationScoped
public class Uploads {
    @Inject
    MediaConfig config;
    @Inject
    MeterRegistry metrics;
    private static final Logger LOG = Logger.getLogger(Uploads.class);

    @Inject
    ObjectStore store;
    @Inject
    MediaAssets assets;
    @Inject
    MediaMapper mapper;
    @Inject
    CustodyLog custody;
    @Inject
    TrustedTimestamps timestamps;

    /** What arrived with the bytes. */
    public record Received(Path file, String declaredType, String fileName, String clientSha256,
            MediaDescription.Acquisition acquisition, String by, String organisation) {
    }

    public record Stored(MediaAsset asset, boolean isNew) {
    }

    public Stored accept(Received received) {
        long size = size(received.file());
        if (size == 0) {
            throw Problems.invalidField("body", "the file is empty");
        }
        if (size > config.maxUploadBytes()) {
            throw new ClientErrorException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the file has " + size + " bytes; at most " + config.maxUploadBytes() + " are accepted", null).toResponse());
        }
        String sha256 = Sha256.of(received.file());
        if (received.clientSha256() != null && !received.clientSha256().equalsIgnoreCase(sha256)) {
            throw Problems.invalidHeader("X-Content-SHA256",
                    "does not match the bytes received (their SHA-256 is " + sha256 + "); the file was altered or cut");
        }
        Optional<Stored> earlier = receivedAgain(sha256, received);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String detected = MediaTypes.detect(received.file());
        String kind = MediaTypes.kind(detected).orElseThrow(() -> unsupported(
                "files of type " + detected + " are not kept; send images, video, audio, PDF or office documents"
                        + " (legacy .doc, .xls and .ppt saved as PDF or the current Office formats)"));
        if (!OfficeDocuments.whatTheySayTheyAre(received.file(), detected)) {
            throw unsupported("the file looks like " + detected + " by its first bytes but is not a complete document of"
                    + " that kind; send the document itself, or a PDF of it");
        }
        if (!MediaTypes.compatible(received.declaredType(), detected)) {
            throw unsupported("the file was sent as " + received.declaredType() + " but its bytes are " + detected);
        }
        EmbeddedMetadata metadata = EmbeddedMetadata.read(received.file());
        List<ImageDerivatives.Made> copies = "image".equals(kind) ? derivatives(received.file()) : List.of();

        UUID id = UUID.randomUUID();
        String key = "sha256/" + sha256;
        boolean putNow = store.stat(store.evidenceBucket(), key) == null;
        List<String> derivativeKeys = new ArrayList<>();
        try {
            if (putNow) {
                store.putFile(store.evidenceBucket(), key, received.file(), detected,
                        Map.of("sha256", sha256, "asset-id", id.toString()));
            }
            for (ImageDerivatives.Made copy : copies) {
                String derivativeKey = "derivatives/" + id + "/" + copy.kind() + ".jpg";
                store.putBytes(store.workingBucket(), derivativeKey, copy.jpeg(), ImageDerivatives.MEDIA_TYPE);
                derivativeKeys.add(derivativeKey);
            }
            MediaAsset asset = QuarkusTransaction.requiringNew().call(() -> record(id, received, sha256, size, detected,
                    kind, key, metadata, copies, derivativeKeys));
            metrics.counter("shahed.media.stored.bytes", "kind", kind).increment(size);
            return new Stored(timestamp(asset, received.by()), true);
        } catch (RuntimeException e) {
            cleanUp(sha256, key, putNow, derivativeKeys);
            Optional<Stored> raced = receivedAgain(sha256, received);
            if (raced.isPresent()) {
                return raced.get(); // the same bytes were stored by a concurrent upload
            }
            throw e;
        }
    }

    private MediaAsset record(UUID id, Received received, String sha256, long size, String detected, String kind,
            String key, EmbeddedMetadata metadata, List<ImageDerivatives.Made> copies, List<String> derivativeKeys) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String fileName = FileNames.sanitise(received.fileName());
        MediaAsset asset = new MediaAsset();
        asset.start(mapper.write(MediaDescription.initial(received.acquisition())), received.by());
        asset.id = id;
        asset.organisation = received.organisation();
        asset.reference = assets.nextReference(metadata.capturedLocal());
        asset.sha256 = sha256;
        asset.sizeBytes = size;
        asset.mediaType = detected;
        asset.kind = kind;
        asset.originalFileName = fileName;
        asset.objectKey = key;
        asset.extracted = mapper.write(metadata.fields());
        asset.capturedAt = metadata.capturedAt();
        asset.capturedLocal = metadata.capturedLocal();
        asset.gpsLatitude = metadata.latitude();
        asset.gpsLongitude = metadata.longitude();
        asset.verificationStatus = "unverified";
        asset.clearedForSharing = false;
        asset.protectedPersonsVisible = false;
        asset.graphic = false;
        asset.lastChange = "created";
        asset.persist();
        Map<String, Object> receivedDetails = new LinkedHashMap<>();
        receivedDetails.put("fileName", fileName);
        receivedDetails.put("declaredType", String.valueOf(received.declaredType()));
        receivedDetails.put("sizeBytes", size);
        if (received.acquisition() != null) {
            receivedDetails.put("acquisitionMethod", mapper.value(received.acquisition().method()));
        }
        custody.append(id, "received", received.by(), receivedDetails);
        custody.append(id, "hashed", received.by(), Map.of("algorithm", "SHA-256", "sha256", sha256,
                "clientHashMatched", received.clientSha256() != null));
        custody.append(id, "stored", received.by(), Map.of("bucket", store.evidenceBucket(), "key", key,
                "mediaType", detected));
        custody.append(id, "metadata-extracted", received.by(), Map.of("fields", metadata.fields().keySet(),
                "gps", metadata.latitude() != null));
        for (int i = 0; i < copies.size(); i++) {
            ImageDerivatives.Made copy = copies.get(i);
            MediaDerivative derivative = new MediaDerivative();
            derivative.assetId = id;
            derivative.kind = copy.kind();
            derivative.objectKey = derivativeKeys.get(i);
            derivative.sha256 = Sha256.of(copy.jpeg());
            derivative.sizeBytes = copy.jpeg().length;
            derivative.mediaType = ImageDerivatives.MEDIA_TYPE;
            derivative.width = copy.width();
            derivative.height = copy.height();
            derivative.createdAt = now;
            derivative.persist();
            custody.append(id, "derivative-made", received.by(), Map.of("kind", copy.kind(), "sha256",
                    derivative.sha256, "metadataRemoved", true));
        }
        assets.record(asset, "created", "uploaded");
        return asset;
    }

    /**
     * Has the original's hash stamped by the time-stamping authority, when one is configured. The upload has
     * already succeeded: an authority that cannot be reached is written into the custody log, not fatal.
     */
    private MediaAsset timestamp(MediaAsset asset, String by) {
        if (!timestamps.configured()) {
            return asset;
        }
        TimeStampClient.Stamp stamp;
        try {
            stamp = timestamps.stamp(asset.sha256);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("No trusted timestamp for media %s: %s", asset.reference, e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> {
                assets.locked(asset.id);
                custody.append(asset.id, "timestamp-failed", by, Map.of("reason", String.valueOf(e.getMessage())));
            });
            return asset;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            MediaAsset locked = assets.locked(asset.id);
            locked.timestampResponse = stamp.response();
            locked.timestampedAt = stamp.time();
            locked.revise(by);
            custody.append(asset.id, "timestamped", by, Map.of("tsa", stamp.tsa(), "time", stamp.time().toString(),
                    "serialNumber", stamp.serialNumber(), "sha256", asset.sha256));
            assets.record(locked, "timestamped", "updated");
            return locked;
        });
    }

    /** An asset with these bytes already exists: it is the answer, and the new receipt goes into its log. */
    private Optional<Stored> receivedAgain(String sha256, Received received) {
        return QuarkusTransaction.requiringNew().call(() -> {
            MediaAsset existing = MediaAsset.find("sha256", sha256).firstResult();
            if (existing == null) {
                return Optional.<Stored>empty();
            }
            if (!existing.isDeleted()) {
                assets.locked(existing.id);
            }
            custody.append(existing.id, "received-again", received.by(),
                    Map.of("fileName", FileNames.sanitise(received.fileName())));
            return Optional.of(new Stored(existing, false));
        });
    }

    private void cleanUp(String sha256, String key, boolean putNow, List<String> derivativeKeys) {
        try {
            for (String derivativeKey : derivativeKeys) {
                store.remove(store.workingBucket(), derivativeKey);
            }
            boolean owned = QuarkusTransaction.requiringNew().call(() -> MediaAsset.count("sha256", sha256) > 0);
            if (putNow && !owned) {
                store.remove(store.evidenceBucket(), key);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not remove the objects of a failed upload (%s); the fixity sweep reports orphans", key);
        }
    }

    private List<ImageDerivatives.Made> derivatives(Path file) {
        try {
            return ImageDerivatives.of(file, config.derivatives().maxPixels());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("No derivatives for %s: %s", file.getFileName(), e.getMessage());
            return List.of();
        }
    }

    private static ClientErrorException unsupported(String detail) {
        return new ClientErrorException(Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                detail + ". Accepted: " + MediaTypes.accepted(), null)
                .withViolations(List.of(new Problem.Violation("body", "body", detail))).toResponse());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
