package org.shahed.incident.link;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum LinkType {
    /** A second strike on the same place after people gathered to help ("double-tap"). */
    @JsonProperty("follow-up-strike") FOLLOW_UP_STRIKE("follow-up-strike"),
    @JsonProperty("same-operation") SAME_OPERATION("same-operation"),
    @JsonProperty("duplicate") DUPLICATE("duplicate");

    final String value;

    LinkType(String value) {
        this.value = value;
    }

    static LinkType of(String value) {
        for (LinkType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
