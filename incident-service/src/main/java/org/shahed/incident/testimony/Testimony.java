package org.shahed.incident.testimony;

import org.shahed.incident.store.IncidentPart;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A testimony; its {@link TestimonyInput} document holds protected fields. */
@Entity
@Table(name = "testimony")
public class Testimony extends IncidentPart {
}
