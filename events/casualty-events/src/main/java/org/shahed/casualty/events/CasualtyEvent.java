package org.shahed.casualty.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of casualty record events ({@link #TYPES}): what other services may know of a record, never names or
 * contacts. Written by casualty-service, read by its consumers; a field the schema requires is required here, so
 * an event without it fails where it is read. Fields a later version adds are ignored by older readers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CasualtyEvent(
        @JsonProperty(required = true) UUID id,
        @JsonProperty(required = true) String reference,
        @JsonProperty(required = true) long version,
        UUID incidentId,
        @JsonProperty(required = true) String outcome,
        @JsonProperty(required = true) String sex,
        Boolean child,
        @JsonProperty(required = true) String status,
        LocalDate date,
        @JsonProperty(required = true) List<String> adminPcodes,
        @JsonProperty(required = true) String documentationLevel,
        UUID mergedInto,
        @JsonProperty(required = true) boolean deleted) {

    public static final String PREFIX = "org.shahed.casualty.";
    public static final Set<String> TYPES = Set.of(PREFIX + "created", PREFIX + "updated", PREFIX + "deleted",
            PREFIX + "merged", PREFIX + "unmerged");

    /** Gone for those who count: deleted, or merged into another record. */
    @JsonIgnore
    public boolean isGone() {
        return deleted || mergedInto != null;
    }
}
