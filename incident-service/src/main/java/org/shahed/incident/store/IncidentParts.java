package org.shahed.incident.store;

import java.util.List;
import java.util.UUID;

import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.IncidentMapper;
import org.shahed.incident.incident.Incidents;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.store.History;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The life of the records that belong to one incident (testimonies, legal qualifications): added to a readable
 * incident, replaced and removed (softly) under If-Match, listed and read as the caller may, each change kept in the
 * part's history with its event, and every state readable by staff. A kind of part says what differs: its checks,
 * who reads it, and what its change event says and moves.
 *
 * @param <P> the part's entity
 * @param <I> what clients send for it (its stored document)
 */
public abstract class IncidentParts<P extends IncidentPart, I> {
    @Inject
    protected Incidents incidents;
    @Inject
    protected IncidentMapper mapper;
    @Inject
    protected ChangeRecorder recorder;
    @Inject
    protected Caller caller;

    private final Class<P> type;
    private final Class<I> inputType;
    private final String aggregate;
    private final String what;

    protected IncidentParts(Class<P> type, Class<I> inputType, String aggregate, String what) {
        this.type = type;
        this.inputType = inputType;
        this.aggregate = aggregate;
        this.what = what;
    }

    /** A new, empty part of this kind. */
    protected abstract P newPart();

    /** What the annotations on the input cannot say, checked against its incident; a problem naming the field. */
    protected abstract void check(Incident incident, I input);

    /** Whether the caller reads this part (of an incident it reads). */
    protected abstract boolean mayRead(P part);

    /**
     * Keeps the change ({@code added}, {@code updated}, {@code removed}) in the part's history with its event, and
     * moves the incident in the changes feed where partners read the part ({@code before}: the input it replaced).
     */
    protected abstract void record(P part, I input, String change, I before);

    @Transactional
    public P add(UUID incidentId, I input) {
        Incident incident = incidents.visible(incidentId);
        check(incident, input);
        P part = newPart();
        part.start(mapper.write(input), caller.name());
        part.incidentId = incident.id;
        record(part, input, "added", null);
        return part;
    }

    @Transactional
    public P replace(UUID incidentId, UUID id, I input, String ifMatch) {
        P part = locked(incidentId, id);
        ETags.requireMatch(ifMatch, part.version);
        check(incidents.visible(incidentId), input);
        I before = input(part);
        part.document = mapper.write(input);
        part.revise(caller.name());
        record(part, input, "updated", before);
        return part;
    }

    @Transactional
    public void remove(UUID incidentId, UUID id, String ifMatch) {
        P part = locked(incidentId, id);
        ETags.requireMatch(ifMatch, part.version);
        part.markDeleted(caller.name());
        I last = input(part);
        record(part, last, "removed", last);
    }

    /** The live parts of a readable incident that the caller reads, oldest first. */
    public List<P> of(UUID incidentId) {
        incidents.visible(incidentId);
        return Panache.getEntityManager()
                .createQuery("from " + type.getSimpleName() + " where incidentId = ?1 and deletedAt is null order by createdAt", type)
                .setParameter(1, incidentId).getResultStream().filter(this::mayRead).toList();
    }

    /** One live part of a readable incident, if the caller reads it; 404 otherwise. */
    public P get(UUID incidentId, UUID id) {
        incidents.visible(incidentId);
        P part = Panache.getEntityManager().find(type, id);
        if (part == null || !part.belongsTo(incidentId) || !mayRead(part)) {
            throw Problems.notFound(what + " " + id);
        }
        return part;
    }

    /** Every state of a part of the incident, for staff. */
    public Page<History.Revision> history(UUID incidentId, UUID id, String cursor, int limit) {
        return incidents.partHistory(type, aggregate, what, incidentId, id, cursor, limit);
    }

    protected I input(P part) {
        return mapper.read(part.document, inputType);
    }

    protected String aggregate() {
        return aggregate;
    }

    private P locked(UUID incidentId, UUID id) {
        return IncidentPart.lockLive(type, incidentId, id, what);
    }
}
