package org.shahed.media.custody;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One link of an asset's chain of custody; never changed once written (the database refuses it too). */
@Entity
@Table(name = "custody_entry")
@IdClass(CustodyEntry.Key.class)
public class CustodyEntry extends PanacheEntityBase {
    @Id
    @Column(name = "asset_id")
    public UUID assetId;
    @Id
    public int position;
    public String action;
    public String actor;
    public Instant at;
    /** Exactly the JSON text that was hashed. */
    public String details;
    @Column(name = "previous_hash")
    public String previousHash;
    @Column(name = "entry_hash")
    public String entryHash;

    public record Key(UUID assetId, int position) implements Serializable {
    }
}
