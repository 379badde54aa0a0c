package org.shahed.incident.legal;

import org.shahed.incident.store.IncidentPart;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A legal qualification of an incident; the document is a {@link QualificationInput}. */
@Entity
@Table(name = "legal_qualification")
public class LegalQualification extends IncidentPart {
}
