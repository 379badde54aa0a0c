package org.shahed.media.asset;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Data of media events: what other services may know of an evidence file. Never its GPS position, file name,
 * acquisition or uploader.
 */
public record MediaEvent(UUID id, String reference, long version, String sha256, String kind, String mediaType,
        Instant capturedAt, LocalDateTime capturedLocalTime, String verificationStatus, boolean clearedForSharing, List<Link> links, boolean deleted) {

    public record Link(String targetType, UUID targetId) {
    }
}
