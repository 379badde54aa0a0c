package org.shahed.incident.link;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.shahed.incident.incident.IncidentInput.Precision;

/**
 * When two strikes make a possible "double-tap": which incidents may have a follow-up strike, and which of a pair
 * came first. (How near in place and time is configured, and searched in the database by {@link LinkProposals}.)
 */
public final class FollowUpStrikes {
    /** Incident types that are strikes. */
    public static final List<String> STRIKES = List.of("airstrike", "shelling");

    /** A pair of strikes in the order they happened, and the minutes between them. */
    public record Pair(UUID first, UUID followUp, long minutesApart) {
    }

    private FollowUpStrikes() {
    }

    /** A strike placed on the map at a known time of day can be matched; a date alone cannot tell minutes apart. */
    public static boolean mayHaveFollowUps(List<String> types, Double latitude, Precision precision) {
        return types.stream().anyMatch(STRIKES::contains) && latitude != null && precision.knowsTimeOfDay();
    }

    /** The pair of {@code incident} and {@code other} in time order (the one documented first when simultaneous). */
    public static Pair pair(UUID incident, Instant incidentStart, UUID other, Instant otherStart) {
        long minutes = Math.abs(Duration.between(otherStart, incidentStart).toMinutes());
        return otherStart.isAfter(incidentStart) ? new Pair(incident, other, minutes) : new Pair(other, incident, minutes);
    }
}
