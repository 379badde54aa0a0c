package org.shahed.platform.outbox;

import java.util.function.Supplier;

import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.FeedDocument;
import org.shahed.platform.store.History;
import org.shahed.platform.store.VersionedDocument;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Records one change of a record, already versioned by the caller, in the caller's transaction: its state in the
 * history, its event in the outbox and, for a record of a changes feed, the feed's next position. Every single
 * write of every service goes through here (bulk imports write the same three in batches, in BulkCasualties), so
 * no change is kept without its event or published without its history.
 */
@ApplicationScoped
public class ChangeRecorder {
    private final ChangeFeed changeFeed;
    private final History history;
    private final Outbox outbox;

    @Inject
    public ChangeRecorder(ChangeFeed changeFeed, History history, Outbox outbox) {
        this.changeFeed = changeFeed;
        this.history = history;
        this.outbox = outbox;
    }

    /**
     * One change: of {@code record} (of type {@code aggregate}), named {@code name} (e.g. {@code updated}), with an
     * optional note; {@code snapshot} gives the state kept in history (the record's API view for staff, as JSON)
     * and {@code event} the data of the event of type {@code eventType}. Both are asked after the record took its
     * feed position.
     */
    public record Change(String aggregate, VersionedDocument record, String name, String note,
            Supplier<String> snapshot, String eventType, Supplier<Object> event) {
    }

    /** Keeps the change in history and its event in the outbox (a record outside the changes feeds). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Change change) {
        change.record().persist();
        history.keep(change.aggregate(), change.record(), change.name(), change.note(), change.snapshot().get());
        outbox.record(change.aggregate(), change.record().id, change.eventType(), change.event().get());
    }

    /**
     * As {@link #record}, for a record of a changes feed (the feed of its aggregate type): it first takes the feed's
     * next position, then {@code positioned} runs, if any, for what is decided about the record as it now stands
     * (whether partners may read it, which the caller asks under its feed's publication guard, see
     * {@link ChangeFeed#guardPublication}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordInFeed(Change change, Runnable positioned) {
        if (!(change.record() instanceof FeedDocument record)) {
            throw new IllegalArgumentException(change.aggregate() + " has no changes feed");
        }
        record.placeAt(changeFeed.next(change.aggregate()));
        record.lastChange = change.name();
        if (positioned != null) {
            positioned.run();
        }
        record(change);
    }
}
