package org.shahed.casualty.projection;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An incident as its events describe it, at the newest version received. */
@Entity
@Table(name = "incident_projection")
public class IncidentProjection extends PanacheEntityBase {
    @Id
    public UUID id;
    public String reference;
    public long version;
    public String status;
    @Column(name = "start_at")
    public Instant startAt;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "admin_pcodes")
    public String[] adminPcodes;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "perpetrator_parties")
    public String[] perpetratorParties;
    @Column(name = "merged_into")
    public UUID mergedInto;
    public boolean deleted;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether partners read this incident's records (CasualtyDisclosure). */
    public boolean isPublished() {
        return "published".equals(status) && !deleted;
    }
}
