package org.shahed.incident.link;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A link in a chain of events: {@code from} came first, {@code to} followed (or duplicates it). */
@Entity
@Table(name = "incident_link")
public class IncidentLink extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "from_incident")
    public UUID fromIncident;
    @Column(name = "to_incident")
    public UUID toIncident;
    @Column(name = "link_type")
    public String linkType;
    @Column(name = "interval_minutes")
    public Integer intervalMinutes;
    @Column(name = "first_responders_harmed")
    public Boolean firstRespondersHarmed;
    /** proposed (by the service), confirmed or rejected (by an analyst). */
    public String status;
    public String note;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
