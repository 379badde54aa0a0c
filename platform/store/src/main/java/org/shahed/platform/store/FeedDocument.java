package org.shahed.platform.store;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A record with a place in its service's changes feed: the position of its latest change and that change's name. */
@MappedSuperclass
public abstract class FeedDocument extends VersionedDocument {
    @Column(name = "change_seq")
    public long changeSeq;
    @Column(name = "last_change")
    public String lastChange;
}
