package org.shahed.casualty.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of {@link #TYPE}: an incident's counts derived from its named records, at a version (a newer version
 * always replaces an older one).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CountsChanged(
        @JsonProperty(required = true) UUID incidentId,
        @JsonProperty(required = true) long version,
        @JsonProperty(required = true) Instant asOf,
        @JsonProperty(required = true) Range killed,
        @JsonProperty(required = true) Range children,
        @JsonProperty(required = true) Range women,
        @JsonProperty(required = true) Range men,
        @JsonProperty(required = true) Range injured,
        @JsonProperty(required = true) Range missing,
        @JsonProperty(required = true) Range detained) {

    public static final String TYPE = CasualtyEvent.PREFIX + "counts-changed";

    /** A count: {@code min} always, {@code max} absent for "at least", equal to {@code min} when exact. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Range(@JsonProperty(required = true) Integer min, Integer max) {
    }
}
