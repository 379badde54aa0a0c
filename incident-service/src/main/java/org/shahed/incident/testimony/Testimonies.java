package org.shahed.incident.testimony;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.IncidentMapper;
import org.shahed.incident.incident.Incidents;
import org.shahed.incident.store.IncidentPart;
import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.incident.thesaurus.Vocabulary;
import org.shahed.platform.security.Audience;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.store.History;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;
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
    ChangeRecorder recorder;
    @Inject
    Caller caller;

    @Transactional
    public Testimony add(UUID incidentId, TestimonyInput input) {
        Incident incident = incidents.visible(incidentId);
        check(input);
        Testimony testimony = new Testimony();
        testimony.start(mapper.write(input), caller.name());
        testimony.incidentId = incident.id;
        record(testimony, input, "added", false);
        return testimony;
    }

    @Transactional
    public Testimony replace(UUID incidentId, UUID id, TestimonyInput input, String ifMatch) {
        Testimony testimony = locked(incidentId, id);
        ETags.requireMatch(ifMatch, testimony.version);
        check(input);
        boolean wasShared = input(testimony).consent().shareWithPartners();
        testimony.document = mapper.write(input);
        testimony.revise(caller.name());
        record(testimony, input, "updated", wasShared);
        return testimony;
    }

    @Transactional
    public void remove(UUID incidentId, UUID id, String ifMatch) {
        Testimony testimony = locked(incidentId, id);
        ETags.requireMatch(ifMatch, testimony.version);
        testimony.markDeleted(caller.name());
        record(testimony, input(testimony), "removed", false);
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
        return view(testimony, caller.audience());
    }

    private TestimonyView view(Testimony testimony, Audience audience) {
        TestimonyInput input = input(testimony);
        if (audience.seesProtectedFields()) {
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
        if (input.interviewDate().isAfter(LocalDate.now().plusDays(1))) {
            throw Problems.invalidField("interviewDate", "must not be in the future");
        }
    }

    private Testimony locked(UUID incidentId, UUID id) {
        return IncidentPart.lockLive(Testimony.class, incidentId, id, "testimony");
    }

    /**
     * Keeps the change in the testimony's history with its event; when partners read the testimony before or after
     * it, its incident moves in the changes feed (a change they cannot see moves nothing, so a witness's statement
     * taken in confidence leaves no trace in what partners read).
     */
    private void record(Testimony testimony, TestimonyInput input, String change, boolean wasShared) {
        TestimonyInput.Consent consent = input.consent();
        recorder.record(new ChangeRecorder.Change(AGGREGATE, testimony, change, null,
                () -> mapper.write(view(testimony, Audience.STAFF)), "org.shahed.incident.testimony-" + change,
                () -> new TestimonyEvent(testimony.id, testimony.incidentId, testimony.version, input.witnessRole(),
                        input.language(), input.interviewDate(), consent.useInReports(), consent.publish(),
                        consent.shareWithPartners(), testimony.isDeleted())));
        if (wasShared || consent.shareWithPartners()) {
            incidents.partChanged(testimony.incidentId);
        }
    }

    /** Every state of a testimony of the incident, for staff. */
    public Page<History.Revision> history(UUID incidentId, UUID id, String cursor, int limit) {
        return incidents.partHistory(Testimony.class, AGGREGATE, "testimony", incidentId, id, cursor, limit);
    }
}
