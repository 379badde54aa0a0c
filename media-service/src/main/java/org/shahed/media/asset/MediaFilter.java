package org.shahed.media.asset;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/** Filters of the media list; all optional, combined with AND. */
public class MediaFilter {
    @QueryParam("incidentId")
    @Parameter(description = "Linked to this incident")
    public UUID incidentId;

    @QueryParam("casualtyId")
    @Parameter(description = "Linked to this casualty record")
    public UUID casualtyId;

    @QueryParam("kind")
    @Pattern(regexp = "image|video|audio|document", message = "one of image, video, audio, document")
    public String kind;

    @QueryParam("verificationStatus")
    @Pattern(regexp = "unverified|verified|disputed|misattributed", message = "one of unverified, verified, disputed, misattributed")
    public String verificationStatus;

    @QueryParam("capturedFrom")
    @Parameter(description = "Captured at or after (ISO-8601 UTC); a file whose zone is unknown counts by its local time")
    public Instant capturedFrom;

    @QueryParam("capturedTo")
    @Parameter(description = "Captured before (ISO-8601 UTC); a file whose zone is unknown counts by its local time")
    public Instant capturedTo;

    @QueryParam("uploadedBy")
    public String uploadedBy;

    @QueryParam("sha256")
    @Pattern(regexp = "[0-9a-fA-F]{64}", message = "64 hexadecimal digits")
    public String sha256;
}
