package org.shahed.platform.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Positions in a service's changes feeds ({@code GET .../changes?since=}). Taking one locks the feed's counter
 * row until the transaction ends, so positions follow commit order: a client resuming after position N never
 * misses a change that committed late with a smaller number. Each feed is registered by a migration
 * ({@code insert into change_counter values ('name', 0)}).
 */
@ApplicationScoped
public class ChangeFeed {
    private final EntityManager entityManager;

    @Inject
    public ChangeFeed(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long next(String feed) {
        Object value = entityManager
                .createNativeQuery("update change_counter set value = value + 1 where name = :feed returning value")
                .setParameter("feed", feed)
                .getSingleResult();
        return ((Number) value).longValue();
    }

    /** {@code count} consecutive positions at once (bulk writes); returns the first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long nextBlock(String feed, int count) {
        Object value = entityManager
                .createNativeQuery("update change_counter set value = value + :count where name = :feed returning value")
                .setParameter("feed", feed)
                .setParameter("count", count)
                .getSingleResult();
        return ((Number) value).longValue() - count + 1;
    }
}
