package org.shahed.incident.area;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A period in which one party controlled an area (by OCHA P-code). */
@Entity
@Table(name = "area_control")
public class AreaControl extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "area_pcode")
    public String areaPcode;
    @Column(name = "party_code")
    public String partyCode;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_to")
    public LocalDate validTo;
    public String source;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
