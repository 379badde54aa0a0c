package org.shahed.media.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.shahed.media.asset.MediaAsset;
import org.shahed.media.asset.MediaAssets;
import org.shahed.media.asset.MediaDisclosure;
import org.shahed.media.asset.MediaMapper;
import org.shahed.media.custody.CustodyLog;
import org.shahed.media.derivative.MediaDerivative;
import org.shahed.media.inspect.Sha256;
import org.shahed.media.storage.ObjectStore;
import org.shahed.platform.security.Audience;
import org.shahed.platform.web.Problems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Evidence packets: one ZIP with the file (the original, or a shareable preview), its record, its chain of custody
 * and a {@code SHA256SUMS} list, so that a court or a partner checks it with standard tools
 * ({@code sha256sum -c SHA256SUMS}) without trusting Shahed. The file is streamed into the ZIP from storage.
 */
@ApplicationScoped
public class EvidencePackets {
    /** The ZIP's name and its content, written when the answer is sent. */
    public record Packet(String fileName, StreamingOutput body) {
    }

    @Inject
    MediaAssets assets;
    @Inject
    MediaMapper mapper;
    @Inject
    CustodyLog custody;
    @Inject
    ObjectStore store;
    @Inject
    MediaDisclosure disclosure;
    @Inject
    ObjectMapper json;

    /** A packet of media {@code id} in {@code variant} for {@code audience}; its export is logged in the custody chain. */
    public Packet prepare(UUID id, String variant, Audience audience, String by) {
        boolean partner = !audience.isStaff();
        MediaAsset asset = disclosure.readable(audience, id);
        if (!disclosure.readsCopies(audience, asset)) {
            throw Problems.notFound("media " + id);
        }
        if (!"original".equals(variant) && !"preview".equals(variant)) {
            throw Problems.invalidParameter("variant", "original or preview");
        }
        if ("original".equals(variant) && !audience.seesProtectedFields()) {
            throw Problems.forbidden("originals are exported only to analysts, reviewers and admins; ask for variant=preview");
        }
        String fileEntry;
        String bucket;
        String key;
        String fileSha256;
        if ("original".equals(variant)) {
            fileEntry = "original/" + asset.originalFileName;
            bucket = store.evidenceBucket();
            key = asset.objectKey;
            fileSha256 = asset.sha256;
        } else {
            MediaDerivative preview = MediaDerivative.findById(new MediaDerivative.Key(id, "preview"));
            if (preview == null) {
                throw Problems.notFound("preview of media " + id);
            }
            fileEntry = "derivative/preview.jpg";
            bucket = store.workingBucket();
            key = preview.objectKey;
            fileSha256 = preview.sha256;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            assets.locked(id);
            custody.append(id, "exported", by, Map.of("variant", variant));
        });
        ObjectMapper pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] record = write(pretty, mapper.view(asset, audience));
        byte[] custodyLog = write(pretty, Map.of("check", custody.verify(id), "entries", custody.of(id).stream().map(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("position", e.position);
            entry.put("action", e.action);
            entry.put("actor", partner ? "redacted" : e.actor);
            entry.put("at", e.at.toString());
            entry.put("details", partner ? partnerDetails(e.details) : e.details);
            entry.put("previousHash", e.previousHash);
            entry.put("entryHash", e.entryHash);
            return entry;
        }).toList(), "hashRule", "entryHash = SHA-256 of previousHash, assetId, position, action, actor, at, details, "
                + "joined by newlines (for partners, the actor is shown as 'redacted' and details as their allow-listed "
                + "members only, so their copy checks the chain links only)"));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("mediaId", id.toString());
        manifest.put("reference", asset.reference);
        manifest.put("variant", variant);
        manifest.put("file", fileEntry);
        manifest.put("sha256", fileSha256);
        manifest.put("originalSha256", asset.sha256);
        manifest.put("exportedAt", now.toString());
        manifest.put("exportedBy", by);
        byte[] manifestBytes = write(pretty, manifest);
        String sums = fileSha256 + "  " + fileEntry + "\n" + Sha256.of(record) + "  record.json\n"
                + Sha256.of(custodyLog) + "  custody.json\n" + Sha256.of(manifestBytes) + "  manifest.json\n";
        byte[] timestamp = asset.timestampResponse;
        if (timestamp != null) {
            sums += Sha256.of(timestamp) + "  timestamp.tsr\n";
        }
        String checksums = sums;
        StreamingOutput body = (OutputStream out) -> {
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                zip.putNextEntry(new ZipEntry(fileEntry));
                try (InputStream in = store.read(bucket, key, 0, null)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                for (Map.Entry<String, byte[]> small : List.of(Map.entry("record.json", record),
                        Map.entry("custody.json", custodyLog), Map.entry("manifest.json", manifestBytes),
                        Map.entry("SHA256SUMS", checksums.getBytes(StandardCharsets.UTF_8)))) {
                    zip.putNextEntry(new ZipEntry(small.getKey()));
                    zip.write(small.getValue());
                    zip.closeEntry();
                }
                if (timestamp != null) {
                    // RFC 3161 response over the original's hash: openssl ts -verify -in timestamp.tsr ...
                    zip.putNextEntry(new ZipEntry("timestamp.tsr"));
                    zip.write(timestamp);
                    zip.closeEntry();
                }
            }
        };
        return new Packet(asset.reference + "-evidence-packet.zip", body);
    }

    /**
     * What partners read of an entry's details: the members that describe the evidence itself (hashes, copies,
     * checks, clearing, verification, time-stamps), never file names, storage keys, link targets or reasons.
     */
    private Object partnerDetails(String details) {
        try {
            JsonNode stored = json.readTree(details);
            ObjectNode shown = json.createObjectNode();
            for (String member : PARTNER_DETAILS) {
                if (stored.has(member)) {
                    shown.set(member, stored.get(member));
                }
            }
            return shown;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static final List<String> PARTNER_DETAILS = List.of("algorithm", "sha256", "sizeBytes", "kind", "graphic",
            "protectedPersonsVisible", "consent", "clearedForSharing", "status", "methods", "range", "variant", "ok",
            "expectedSha256", "actualSha256", "tsa", "time");

    private static byte[] write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
