package org.shahed.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.TransactionalException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A consumer's claim on an event id: once per consumer, and only if the effect committed. */
@QuarkusTest
class ProcessedEventsTest {
    @Inject
    ProcessedEvents processed;

    @Test
    void anEventIsClaimedOnceAndARedeliveryIsRecognised() {
        String eventId = UUID.randomUUID().toString();

        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.claim("counts", eventId))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.claim("counts", eventId))).isFalse();
        // Another consumer of the same event has its own claim.
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.claim("projection", eventId))).isTrue();
    }

    @Test
    void aClaimRolledBackWithItsEffectLeavesTheEventToBeProcessedAgain() {
        String eventId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(processed.claim("counts", eventId)).isTrue();
            throw new IllegalStateException("the effect failed");
        })).hasMessageContaining("the effect failed");

        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.claim("counts", eventId))).isTrue();
    }

    @Test
    void claimingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> processed.claim("counts", UUID.randomUUID().toString()))
                .isInstanceOf(TransactionalException.class);
    }
}
