package org.shahed.incident.legal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.IncidentInput;
import org.shahed.incident.legal.QualificationInput.EvidenceKind;
import org.shahed.incident.legal.QualificationInput.EvidenceRef;
import org.shahed.incident.testimony.Testimony;
import org.shahed.incident.store.IncidentParts;
import org.shahed.incident.testimony.TestimonyInput;
import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.incident.thesaurus.Vocabulary;
import org.shahed.platform.security.Audience;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Legal qualifications of incidents; evidence cited must exist where this service can tell. */
@ApplicationScoped
public class Qualifications extends IncidentParts<LegalQualification, QualificationInput> {
    private static final String AGGREGATE = "legal-qualification";

    @Inject
    Thesauri thesauri;

    /** Data of qualification events. */
    public record QualificationEvent(UUID id, UUID incidentId, long version, String instrument, String provision,
            QualificationInput.ConflictClassification conflictClassification, boolean removed) {
    }

    public Qualifications() {
        super(LegalQualification.class, QualificationInput.class, AGGREGATE, "legal qualification");
    }

    @Override
    protected LegalQualification newPart() {
        return new LegalQualification();
    }

    /** Whoever reads the incident reads its qualifications (partners: as {@link #view} allows). */
    @Override
    protected boolean mayRead(LegalQualification qualification) {
        return true;
    }

    /**
     * The qualification as this caller may read it. Staff read every field. Partners read an allow-list: the law,
     * the elements with whether each is established and the evidence cited (but not testimonies the witness did not
     * agree to share with them), the standard of proof and the conclusion; not the analysts' notes on elements or
     * who reviewed it.
     */
    public QualificationView view(LegalQualification qualification) {
        return view(qualification, caller.audience());
    }

    private QualificationView view(LegalQualification qualification, Audience audience) {
        QualificationInput input = input(qualification);
        if (!audience.isStaff()) {
            input = new QualificationInput(input.instrument(), input.provision(), input.conflictClassification(),
                    input.elements().stream().map(element -> new QualificationInput.Element(element.element(),
                            element.established(), element.evidence() == null ? null
                                    : element.evidence().stream().filter(this::sharedWithPartners).toList(), null))
                            .toList(),
                    input.standardOfProof(), input.conclusion(), null);
        }
        return new QualificationView(qualification.id, qualification.incidentId, qualification.version, input,
                qualification.createdAt, qualification.updatedAt);
    }

    /** Evidence a partner may know of: anything but a testimony not shared with partners. */
    private boolean sharedWithPartners(QualificationInput.EvidenceRef evidence) {
        if (evidence.kind() != EvidenceKind.TESTIMONY) {
            return true;
        }
        Testimony testimony = Testimony.findById(evidence.id());
        return testimony != null && !testimony.isDeleted()
                && mapper.read(testimony.document, TestimonyInput.class).consent().shareWithPartners();
    }

    @Override
    protected void check(Incident incident, QualificationInput input) {
        thesauri.requireActive(Vocabulary.LEGAL_INSTRUMENT, input.instrument(), "instrument");
        Set<String> claims = new HashSet<>();
        IncidentInput facts = mapper.facts(incident);
        if (facts.sources() != null) {
            facts.sources().forEach(s -> {
                if (s.claims() != null) {
                    s.claims().forEach(c -> claims.add(c.id()));
                }
            });
        }
        for (int i = 0; i < input.elements().size(); i++) {
            List<EvidenceRef> evidence = input.elements().get(i).evidence();
            if (evidence == null) {
                continue;
            }
            for (int j = 0; j < evidence.size(); j++) {
                EvidenceRef ref = evidence.get(j);
                String field = "elements[" + i + "].evidence[" + j + "]";
                if (ref.kind() == EvidenceKind.CLAIM) {
                    if (ref.claimId() == null || !claims.contains(ref.claimId())) {
                        throw Problems.invalidField(field + ".claimId", "no such claim among the incident's sources");
                    }
                } else if (ref.id() == null) {
                    throw Problems.invalidField(field + ".id", "required for " + ref.kind().name().toLowerCase());
                } else if (ref.kind() == EvidenceKind.TESTIMONY) {
                    Testimony testimony = Testimony.findById(ref.id());
                    if (testimony == null || !testimony.belongsTo(incident.id)) {
                        throw Problems.invalidField(field + ".id", "no testimony " + ref.id() + " of this incident");
                    }
                }
                // Media assets and casualty records live in other services; their ids are checked there.
            }
        }
    }

    /**
     * Keeps the change in the qualification's history with its event; a published incident moves in the changes
     * feed, since partners read the qualifications of what they read.
     */
    @Override
    protected void record(LegalQualification qualification, QualificationInput input, String change,
            QualificationInput before) {
        recorder.record(new ChangeRecorder.Change(AGGREGATE, qualification, change, null,
                () -> mapper.write(view(qualification, Audience.STAFF)), "org.shahed.incident.qualification-" + change,
                () -> new QualificationEvent(qualification.id, qualification.incidentId, qualification.version,
                        input.instrument(), input.provision(), input.conflictClassification(), qualification.isDeleted())));
        incidents.partChanged(qualification.incidentId);
    }
}
