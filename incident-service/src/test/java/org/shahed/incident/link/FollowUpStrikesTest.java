package org.shahed.incident.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.incident.incident.IncidentInput.Precision;

/** The double-tap rule without the service, on the two Al Qouriyah strikes ten minutes apart. */
class FollowUpStrikesTest {
    private static final UUID FIRST_STRIKE = UUID.fromString("7f3e0c52-1a9b-4f0e-8c1d-2016062509a0");
    private static final UUID SECOND_STRIKE = UUID.fromString("7f3e0c52-1a9b-4f0e-8c1d-2016062509a1");
    private static final Instant NINE = Instant.parse("2016-06-25T09:00:00Z");
    private static final Instant TEN_PAST_NINE = Instant.parse("2016-06-25T09:10:00Z");

    @Test
    void thePairRunsFromTheEarlierStrikeToTheLaterWhicheverWasDocumentedFirst() {
        FollowUpStrikes.Pair documentedInOrder = FollowUpStrikes.pair(SECOND_STRIKE, TEN_PAST_NINE, FIRST_STRIKE, NINE);
        FollowUpStrikes.Pair documentedLater = FollowUpStrikes.pair(FIRST_STRIKE, NINE, SECOND_STRIKE, TEN_PAST_NINE);

        assertThat(documentedInOrder).isEqualTo(new FollowUpStrikes.Pair(FIRST_STRIKE, SECOND_STRIKE, 10));
        assertThat(documentedLater).isEqualTo(documentedInOrder);
    }

    @Test
    void simultaneousStrikesRunFromTheOneDocumentedFirst() {
        assertThat(FollowUpStrikes.pair(SECOND_STRIKE, NINE, FIRST_STRIKE, NINE))
                .isEqualTo(new FollowUpStrikes.Pair(FIRST_STRIKE, SECOND_STRIKE, 0));
    }

    @Test
    void onlyStrikesOnTheMapAtAKnownTimeOfDayAreMatched() {
        assertThat(FollowUpStrikes.mayHaveFollowUps(List.of("airstrike", "massacre"), 34.9686, Precision.APPROXIMATE_TIME)).isTrue();
        assertThat(FollowUpStrikes.mayHaveFollowUps(List.of("shelling"), 34.9686, Precision.EXACT_TIME)).isTrue();
        assertThat(FollowUpStrikes.mayHaveFollowUps(List.of("massacre"), 34.9686, Precision.EXACT_TIME)).isFalse();
        assertThat(FollowUpStrikes.mayHaveFollowUps(List.of("airstrike"), null, Precision.EXACT_TIME)).isFalse();
        assertThat(FollowUpStrikes.mayHaveFollowUps(List.of("airstrike"), 34.9686, Precision.DAY)).isFalse();
    }
}
