package org.shahed.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Ids read by a native query, and one plan kept for it however often it runs. */
@QuarkusTest
class NativeIdsTest {
    private static final String BY_TEXT = "select n.id from witness_note n where n.text = :text";

    @Inject
    EntityManager entityManager;

    @Test
    void readsTheIdsAndKeepsOnePlanForTheQuery() {
        String text = "Al Qouriyah " + UUID.randomUUID();
        List<UUID> written = List.of(UUID.randomUUID(), UUID.randomUUID());
        QuarkusTransaction.requiringNew().run(() -> written.forEach(id -> entityManager
                .createNativeQuery("insert into witness_note (id, text) values (:id, :text)")
                .setParameter("id", id).setParameter("text", text).executeUpdate()));

        int plansBefore = cachedPlans();
        for (int i = 0; i < 20; i++) {
            List<UUID> read = QuarkusTransaction.requiringNew().call(() -> NativeIds.of(
                    entityManager.createNativeQuery(BY_TEXT).setParameter("text", text)));
            assertThat(read).containsExactlyInAnyOrderElementsOf(written);
        }

        assertThat(cachedPlans() - plansBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void aBasicResultClassWouldAddAPlanEachTime() {
        // The reason NativeIds exists; when Hibernate fixes its mapping's equality this fails, and NativeIds can go.
        int plansBefore = cachedPlans();
        for (int i = 0; i < 5; i++) {
            QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery(BY_TEXT, UUID.class).setParameter("text", "none").getResultList());
        }

        assertThat(cachedPlans() - plansBefore).isEqualTo(5);
    }

    private int cachedPlans() {
        return entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getQueryEngine()
                .getInterpretationCache().getNumberOfCachedQueryPlans();
    }
}
