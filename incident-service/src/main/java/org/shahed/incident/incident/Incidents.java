package org.shahed.incident.incident;

import java.util.UUID;

import org.shahed.incident.link.LinkProposals;
import org.shahed.incident.store.IncidentPart;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.store.History;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The rules of incidents: who may write what in which status, the workflow, soft deletion and merging. Every
 * change is versioned, kept in the history, placed in the changes feed and published through the outbox, all
 * in the transaction of the change.
 */
@ApplicationScoped
public class Incidents {
    static final String AGGREGATE = "incident";
    private static final String EVENT_PREFIX = "org.shahed.incident.";

    @Inject
    IncidentMapper mapper;
    @Inject
    IncidentRules rules;
    @Inject
    ChangeRecorder recorder;
    @Inject
    Caller caller;
    @Inject
    LinkProposals linkProposals;
    @Inject
    EntityManager entityManager;
    @Inject
    ChangeFeed changeFeed;
    @Inject
    IncidentDisclosure disclosure;
    @Inject
    History history;

    @Transactional
    public Incident create(IncidentInput input) {
        IncidentInput facts = rules.checkAndResolve(input);
        Incident incident = new Incident();
        incident.start(null, caller.name());
        incident.organisation = caller.organisation();
        incident.reference = nextReference(facts);
        incident.status = Status.DRAFT.value();
        mapper.apply(incident, facts);
        record(incident, "created", null);
        linkProposals.proposeFollowUps(incident, facts);
        return incident;
    }

    @Transactional
    public Incident replace(UUID id, IncidentInput input, String ifMatch) {
        Incident incident = lockForUpdate(id, ifMatch, true);
        requireEditable(incident);
        IncidentInput facts = rules.checkAndResolve(input);
        mapper.apply(incident, facts);
        incident.revise(caller.name());
        record(incident, "updated", null);
        linkProposals.proposeFollowUps(incident, facts);
        return incident;
    }

    @Transactional
    public Incident transition(UUID id, WorkflowAction action, String note, String ifMatch) {
        Incident incident = lockForUpdate(id, ifMatch, false);
        Status current = incident.statusValue();
        if (!action.from.contains(current)) {
            throw Problems.conflict("an incident that is " + current.value() + " cannot be " + action.change);
        }
        if (action == WorkflowAction.RETRACT && (note == null || note.isBlank())) {
            throw Problems.invalidField("reason", "a retraction needs its reason");
        }
        incident.revise(caller.name());
        incident.status = action.target.value();
        if (action == WorkflowAction.PUBLISH && incident.publishedAt == null) {
            incident.publishedAt = incident.updatedAt;
        }
        if (action == WorkflowAction.RETRACT) {
            incident.retractionReason = note;
        }
        record(incident, action.change, note);
        return incident;
    }

    /** Soft delete, for incidents never published; a published one is retracted instead, so partners learn of it. */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        Incident incident = lockForUpdate(id, ifMatch, true);
        if (incident.publishedAt != null) {
            throw Problems.conflict("a published incident is retracted, not deleted");
        }
        requireEditable(incident);
        incident.markDeleted(caller.name());
        record(incident, "deleted", null);
    }

    /** Marks {@code id} a duplicate of {@code survivorId}; it stays readable, pointing to the survivor. */
    @Transactional
    public Incident merge(UUID id, UUID survivorId, String note, String ifMatch) {
        if (id.equals(survivorId)) {
            throw Problems.invalidField("survivorId", "an incident cannot be merged into itself");
        }
        Incident incident = lockForUpdate(id, ifMatch, true);
        Incident survivor = Incident.findById(survivorId);
        if (survivor == null || survivor.isDeleted() || survivor.statusValue() == Status.MERGED) {
            throw Problems.invalidField("survivorId", "no live incident " + survivorId);
        }
        if (incident.statusValue() == Status.MERGED) {
            throw Problems.conflict("this incident was already merged into " + incident.mergedInto);
        }
        incident.revise(caller.name());
        incident.status = Status.MERGED.value();
        incident.mergedInto = survivorId;
        record(incident, "merged", note);
        linkProposals.recordDuplicate(incident, survivor, caller.name());
        return incident;
    }

    /**
     * The incident if this caller reads it (IncidentDisclosure); deleted ones are gone for everyone but their
     * history. 404 otherwise, as if it did not exist.
     */
    public Incident visible(UUID id) {
        Incident incident = Incident.findById(id);
        if (incident == null || incident.isDeleted() || !disclosure.reads(caller.audience(), incident)) {
            throw Problems.notFound("incident " + id);
        }
        return incident;
    }

    /** Applies casualty-service's counts unless a newer version is already held. Not a documented change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyCasualtySummary(UUID incidentId, CasualtySummary summary) {
        Incident incident = entityManager.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            return false;
        }
        if (incident.casualtySummary != null
                && mapper.read(incident.casualtySummary, CasualtySummary.class).version() >= summary.version()) {
            return false;
        }
        incident.casualtySummary = mapper.write(summary);
        moveInFeed(incident);
        return true;
    }

    /**
     * A part of the incident that partners may read (a testimony shared with them, a legal qualification) was
     * added, changed or removed: a published incident takes its next version and a new place in the changes feed,
     * so that a partner's sync sees it change and reads its parts again. Not a documented change of the incident
     * itself: the part keeps its own history. An incident partners do not read yet moves when it is published.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void partChanged(UUID incidentId) {
        Incident incident = entityManager.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (incident != null && !incident.isDeleted() && incident.statusValue() == Status.PUBLISHED) {
            moveInFeed(incident);
        }
    }

    /**
     * Every state of a part of a readable incident ({@code what} {@code id} of type {@code aggregate}), for staff;
     * 404 unless it is a part of that incident.
     */
    public Page<History.Revision> partHistory(Class<? extends IncidentPart> type, String aggregate, String what,
            UUID incidentId, UUID id, String cursor, int limit) {
        visible(incidentId);
        IncidentPart part = entityManager.find(type, id);
        if (part == null || !part.incidentId.equals(incidentId)) {
            throw Problems.notFound(what + " " + id);
        }
        return history.revisions(aggregate, id, cursor, limit, what + " " + id);
    }

    /** A change nobody made to the incident itself: next version and time, a new place in the feed. */
    private void moveInFeed(Incident incident) {
        incident.refresh();
        incident.placeAt(changeFeed.next(AGGREGATE));
        incident.lastChange = "updated";
    }

    /**
     * Sets the summary to casualty-service's current counts whatever the versions (reconciliation: the producer's
     * state is the truth). False when the incident is gone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean replaceCasualtySummary(UUID incidentId, CasualtySummary summary) {
        Incident incident = entityManager.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null || incident.isDeleted()) {
            return false;
        }
        incident.casualtySummary = mapper.write(summary);
        moveInFeed(incident);
        return true;
    }

    /** Locks the live incident for this transaction and checks the client's If-Match against its version. */
    private Incident lockForUpdate(UUID id, String ifMatch, boolean ifMatchRequired) {
        Incident incident = entityManager.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null || incident.isDeleted()) {
            throw Problems.notFound("incident " + id);
        }
        if (ifMatchRequired) {
            ETags.requireMatch(ifMatch, incident.version);
        } else {
            ETags.checkIfPresent(ifMatch, incident.version);
        }
        return incident;
    }

    private void requireEditable(Incident incident) {
        Status status = incident.statusValue();
        if (status == Status.RETRACTED || status == Status.MERGED) {
            throw Problems.conflict("an incident that is " + status.value() + " is no longer edited");
        }
        if ((status == Status.VERIFIED || status == Status.PUBLISHED) && !caller.hasRole(Roles.REVIEWER)) {
            throw Problems.forbidden("a " + status.value() + " incident is corrected by reviewers only");
        }
    }

    /** Feeds, keeps in history and publishes one change of {@code incident}, already versioned by the caller. */
    private void record(Incident incident, String change, String note) {
        recorder.recordInFeed(new ChangeRecorder.Change(AGGREGATE, incident, change, note,
                () -> mapper.write(mapper.view(incident, Audience.STAFF)), EVENT_PREFIX + change,
                () -> mapper.event(incident)), null);
    }

    private String nextReference(IncidentInput facts) {
        long number = ((Number) entityManager.createNativeQuery("select nextval('incident_reference_seq')")
                .getSingleResult()).longValue();
        int year = facts.start().at().getYear();
        return String.format("INC-%d-%06d", year, number);
    }
}
