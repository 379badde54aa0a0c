package org.shahed.media.asset;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An evidence file as the API shows it. For roles that may not see protected fields (partners), the position,
 * file name, acquisition and uploader are absent.
 */
@Schema(name = "Media")
public record MediaView(
        UUID id,
        @Schema(example = "MED-2016-000001") String reference,
        long version,
        @Schema(description = "SHA-256 of the original's bytes, hex") String sha256,
        long sizeBytes,
        @Schema(description = "Detected from the bytes", example = "image/jpeg") String mediaType,
        @Schema(enumeration = { "image", "video", "audio", "document" }) String kind,
        @Schema(description = "Protected") String originalFileName,
        @Schema(description = "When the file was captured, UTC: only when its metadata gives the zone (EXIF offset "
                + "tags); otherwise absent, and `capturedLocalTime` holds what the device's clock showed") Instant capturedAt,
        @Schema(description = "The capture time as the device's clock showed it (EXIF), without a zone: not UTC. Its "
                + "zone is `metadata.captureTimeZone`, `unknown` when the file does not say", type = SchemaType.STRING,
                format = "local-date-time", example = "2016-06-25T12:42:10") LocalDateTime capturedLocalTime,
        @Schema(description = "Protected: GPS position in the original's metadata") Location location,
        @Schema(description = "Device, dimensions, duration... as read from the file") Map<String, Object> metadata,
        String title,
        String description,
        @Schema(description = "Protected") MediaDescription.Acquisition acquisition,
        MediaDescription.Sensitivity sensitivity,
        MediaDescription.Verification verification,
        @Schema(description = "Shareable copies: thumbnail, preview") List<String> derivatives,
        List<LinkView> links,
        String reviewFlag,
        @Schema(description = "Time signed by a time-stamping authority (RFC 3161) over the original's hash") Instant timestampedAt,
        Instant lastFixityCheckAt,
        Boolean lastFixityOk,
        @Schema(description = "Protected") String uploadedBy,
        @Schema(description = "Whether partners read this file now: cleared for sharing and documenting a published "
                + "incident (absent for partners, who read only such files)") Boolean sharedWithPartners,
        Instant createdAt,
        Instant updatedAt) {

    @Schema(name = "MediaLocation")
    public record Location(double latitude, double longitude) {
    }

    @Schema(name = "MediaLink")
    public record LinkView(UUID id, @Schema(enumeration = { "incident", "casualty" }) String targetType, UUID targetId,
            @Schema(description = "Why the file documents it (not shown to partners)") String reason,
            @Schema(description = "The status of the incident it points at (for a casualty record, of its incident) as "
                    + "known here; `pending` while not known yet (not shown to partners, who see links to published "
                    + "incidents only)") String targetStatus,
            Instant createdAt) {
    }
}
