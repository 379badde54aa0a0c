package org.shahed.incident.incident;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an incident stands in the verification workflow. */
public enum Status {
    DRAFT("draft"),
    UNDER_REVIEW("under-review"),
    VERIFIED("verified"),
    PUBLISHED("published"),
    RETRACTED("retracted"),
    MERGED("merged");

    private final String value;

    Status(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static Status of(String value) {
        for (Status status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status " + value);
    }
}
