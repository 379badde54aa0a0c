package org.shahed.incident.events;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of incident events ({@code org.shahed.incident.*} of {@link #TYPES}): what other services keep of an
 * incident, never protected fields. Written by incident-service, read by its consumers; a field the schema
 * requires is required here, so an event without it fails where it is read instead of reading as empty. Fields a
 * later version adds are ignored by older readers. {@code version} lets consumers ignore an event older than what
 * they hold.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentEvent(
        @JsonProperty(required = true) UUID id,
        @JsonProperty(required = true) String reference,
        @JsonProperty(required = true) long version,
        @JsonProperty(required = true) String status,
        @JsonProperty(required = true) List<String> types,
        Instant startAt,
        Instant endAt,
        @JsonProperty(required = true) List<String> adminPcodes,
        String controllingParty,
        @JsonProperty(required = true) List<PerpetratorRef> perpetrators,
        Double latitude,
        Double longitude,
        Instant publishedAt,
        String retractionReason,
        UUID mergedInto,
        @JsonProperty(required = true) boolean deleted,
        @JsonProperty(required = true) Instant changedAt) {

    /** The type of every event of an incident itself (its parts have their own). */
    public static final String PREFIX = "org.shahed.incident.";
    public static final Set<String> TYPES = Set.of(PREFIX + "created", PREFIX + "updated",
            PREFIX + "submitted-for-review", PREFIX + "returned-to-draft", PREFIX + "verified", PREFIX + "published",
            PREFIX + "retracted", PREFIX + "merged", PREFIX + "deleted");

    /** The status partners read incidents in. */
    public static final String PUBLISHED = "published";

    @JsonIgnore
    public boolean isPublished() {
        return PUBLISHED.equals(status) && !deleted;
    }

    /** Who is alleged responsible, with the involvement and the attribution's confidence (codes). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PerpetratorRef(@JsonProperty(required = true) String party, String involvement, String confidence) {
    }
}
