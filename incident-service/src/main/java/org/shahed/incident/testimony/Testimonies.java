package org.shahed.incident.testimony;

import java.util.List;
import java.util.UUID;

import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.IncidentMapper;
import org.shahed.incident.incident.Incidents;
import org.shahed.incident.store.IncidentPart;
import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.incident.thesaurus.Vocabulary;
import org.shahed.platform.outbox.Outbox;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Testimonies of an incident and who may read them: roles that see protected fields see everything; partners
 * see only testimonies whose witnesses consented to sharing with partners, without identity.
 */
@ApplicationScoped
public class Testimonies {
    private static final String AGGREGATE = "testimony";

    @Inject
    Incidents incidents;
    @Inject
    IncidentMapper mapper;
    @Inject
    Thesauri thesauri;
    @Inject
    Outbox outbox;
    @Inject
    Caller caller;

    @Transactional
    public Testimony add(UUID incidentId, TestimonyInput input) {
        Incident incident = incidents.visible(incidentId);
        check(input);
        Testimony testimony = new Testimony();
        testimony.start(mapper.write(input), caller.name());
        testimony.incidentId = incident.id;
        testimony.persist();
        publish(testimony, input, "org.shahed.incident.testimony-added", false);
        return testimony;
    }

    @Transactional
    public Testimony replace(UUID incidentId, UUID id, TestimonyInput input, String ifMatch) {
        Testimony testimony = locked(incidentId, id);
        ETags.requireMatch(ifMatch, testimony.version);
        check(input);
        testimony.document = mapper.write(input);
        testimony.revise(caller.name());
        publish(testimony, input, "org.shahed.incident.testimony-updated", false);
        return testimony;
    }

    @Transactional
    public void remove(UUID incidentId, UUID id, String ifMatch) {
        Testimony testimony = locked(incidentId, id);
        ETags.requireMatch(ifMatch, testimony.version);
        testimony.markDeleted(caller.name());
        publish(testimony, input(testimony), "org.shahed.incident.testimony-removed", true);
    }

    public List<Testimony> of(UUID incidentId) {
        incidents.visible(incidentId);
        return Testimony.<Testimony>list("incidentId = ?1 and deletedAt is null order by createdAt", incidentId)
                .stream().filter(this::mayRead).toList();
    }

    public Testimony get(UUID incidentId, UUID id) {
        incidents.visible(incidentId);
        Testimony testimony = Testimony.findById(id);
        if (testimony == null || !testimony.belongsTo(incidentId) || !mayRead(testimony)) {
            throw Problems.notFound("testimony " + id);
        }
        return testimony;
    }

    /**
     * The testimony as this caller may read it. Staff read every field. Partners read an allow-list: what was said
     * and on what terms, never who said it, how they were reached (the contact channel can hold a number) or the
     * consent's notes (free text about the witness).
     */
    public TestimonyView view(Testimony testimony) {
        TestimonyInput input = input(testimony);
        if (caller.audience().seesProtectedFields()) {
            return new TestimonyView(testimony.id, testimony.incidentId, testimony.version, input.witnessPseudonym(),
                    input.witnessRole(), input.contactChannel(), input.interviewDate(), input.language(),
                    input.statement(), input.translations(), input.consent(), input.identity(), testimony.createdAt,
                    testimony.updatedAt);
        }
        TestimonyInput.Consent consent = input.consent();
        return new TestimonyView(testimony.id, testimony.incidentId, testimony.version, input.witnessPseudonym(),
                input.witnessRole(), null, input.interviewDate(), input.language(), input.statement(),
                input.translations(), new TestimonyInput.Consent(consent.useInReports(), consent.publish(),
                        consent.shareWithPartners(), consent.protectedIdentity(), consent.obtainedOn(), null),
                null, testimony.createdAt, testimony.updatedAt);
    }

    /** Staff read every testimony; anyone else only those the witness agreed to share with partners. */
    private boolean mayRead(Testimony testimony) {
        return caller.audience().isStaff() || input(testimony).consent().shareWithPartners();
    }

    private TestimonyInput input(Testimony testimony) {
        return mapper.read(testimony.document, TestimonyInput.class);
    }

    private void check(TestimonyInput input) {
        thesauri.requireActive(Vocabulary.SOURCE_TYPE, input.witnessRole(), "witnessRole");
        if (input.interviewDate().isAfter(java.time.LocalDate.now().plusDays(1))) {
            throw Problems.invalidField("interviewDate", "must not be in the future");
        }
    }

    private Testimony locked(UUID incidentId, UUID id) {
        return IncidentPart.lockLive(Testimony.class, incidentId, id, "testimony");
    }

    private void publish(Testimony testimony, TestimonyInput input, String type, boolean removed) {
        TestimonyInput.Consent consent = input.consent();
        outbox.record(AGGREGATE, testimony.id, type, new TestimonyEvent(testimony.id, testimony.incidentId,
                testimony.version, input.witnessRole(), input.language(), input.interviewDate(),
                consent.useInReports(), consent.publish(), consent.shareWithPartners(), removed));
    }
}
