package org.shahed.platform.store;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A record with a place in its service's changes feed: the position of its latest change (see {@link FeedPosition})
 * and that change's name.
 */
@MappedSuperclass
public abstract class FeedDocument extends VersionedDocument {
    @Column(name = "change_txid")
    public long changeTxid;
    @Column(name = "change_seq")
    public long changeSeq;
    @Column(name = "last_change")
    public String lastChange;

    /** Places the record's latest change at {@code position}. */
    public void placeAt(FeedPosition position) {
        changeTxid = position.transaction();
        changeSeq = position.sequence();
    }
}
