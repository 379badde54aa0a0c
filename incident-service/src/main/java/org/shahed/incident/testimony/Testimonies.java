package org.shahed.incident.testimony;

import java.time.LocalDate;

import org.shahed.incident.incident.Incident;
import org.shahed.incident.store.IncidentParts;
import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.incident.thesaurus.Vocabulary;
import org.shahed.platform.security.Audience;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Testimonies of an incident and who may read them: roles that see protected fields see everything; partners
 * see only testimonies whose witnesses consented to sharing with partners, without identity.
 */
@ApplicationScoped
public class Testimonies extends IncidentParts<Testimony, TestimonyInput> {
    private static final String AGGREGATE = "testimony";

    @Inject
    Thesauri thesauri;

    public Testimonies() {
        super(Testimony.class, TestimonyInput.class, AGGREGATE, "testimony");
    }

    @Override
    protected Testimony newPart() {
        return new Testimony();
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
    @Override
    protected boolean mayRead(Testimony testimony) {
        return caller.audience().isStaff() || input(testimony).consent().shareWithPartners();
    }

    @Override
    protected void check(Incident incident, TestimonyInput input) {
        thesauri.requireActive(Vocabulary.SOURCE_TYPE, input.witnessRole(), "witnessRole");
        if (input.interviewDate().isAfter(LocalDate.now().plusDays(1))) {
            throw Problems.invalidField("interviewDate", "must not be in the future");
        }
    }

    /**
     * Keeps the change in the testimony's history with its event; when partners read the testimony before or after
     * it, its incident moves in the changes feed (a change they cannot see moves nothing, so a witness's statement
     * taken in confidence leaves no trace in what partners read).
     */
    @Override
    protected void record(Testimony testimony, TestimonyInput input, String change, TestimonyInput before) {
        boolean wasShared = before != null && before.consent().shareWithPartners();
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
}
