package org.shahed.casualty.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.shahed.casualty.dedupe.NameKeys;
import org.shahed.platform.security.Audience;
import org.shahed.platform.store.FeedPosition;
import org.shahed.platform.store.StreamedRows;
import org.shahed.platform.web.Problems;
import org.shahed.platform.web.Page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/** The casualty list: filters, name search in either script, keyset pages in the order records last changed, exports. */
@ApplicationScoped
public class CasualtySearch {
    private static final Set<String> OUTCOMES = Set.of("killed", "injured", "missing", "detained", "enforced-disappearance");
    private static final Set<String> SEXES = Set.of("female", "male", "unknown");
    private static final Set<String> STATUSES = Set.of("civilian", "other-protected-person", "armed-forces-member",
            "direct-participant", "unknown");
    private static final Set<String> ROLES = Set.of("medical-worker", "civil-defence-rescuer", "media-worker",
            "humanitarian-worker");

    public record Result(List<Casualty> items, String next) {
    }

    /** Longest name searched for: a search term, not a document. */
    static final int MAX_NAME = 200;

    @Inject
    EntityManager entityManager;
    @Inject
    CasualtyDisclosure disclosure;
    @Inject
    CasualtyMapper mapper;
    @Inject
    StreamedRows rows;

    /** The records {@code audience} reads that pass {@code filter}, a page at a time. */
    public Result search(CasualtyFilter filter, String cursor, int limit, Audience audience) {
        Page.limit(limit);
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = condition(filter, audience, parameters);
        if (cursor != null) {
            FeedPosition after = FeedPosition.of("casualties", cursor, "cursor");
            parameters.put("afterTransaction", after.transaction());
            parameters.put("afterSequence", after.sequence());
            where.append(" and (c.change_txid, c.change_seq) > (:afterTransaction, :afterSequence)");
        }
        Query query = entityManager.createNativeQuery("select c.* from casualty c where " + where + " order by "
                + FeedPosition.order("c") + " limit " + (limit + 1), Casualty.class);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Casualty> found = new ArrayList<>(query.getResultList());
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = FeedPosition.of(found.get(limit - 1)).cursor("casualties");
        }
        return new Result(found, next);
    }

    /**
     * The SQL condition on {@code casualty c} of the records {@code audience} reads that pass {@code filter}, its
     * parameters added to {@code parameters}; a filter's bad value is a problem naming it.
     */
    private StringBuilder condition(CasualtyFilter filter, Audience audience, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("deleted_at is null and merged_into is null and ")
                .append(disclosure.rowsReadBy(audience, parameters));
        equal(where, parameters, "incident_id", "incidentId", filter.incidentId);
        equal(where, parameters, "outcome", "outcome", checked("outcome", filter.outcome, OUTCOMES));
        equal(where, parameters, "sex", "sex", checked("sex", filter.sex, SEXES));
        equal(where, parameters, "civilian_status", "status", checked("status", filter.status, STATUSES));
        if (filter.role != null) {
            where.append(" and roles @> array[cast(:role as text)]");
            parameters.put("role", checked("role", filter.role, ROLES));
        }
        if (filter.ageGroup != null) {
            switch (filter.ageGroup) {
                case "child" -> where.append(" and is_child");
                case "adult" -> where.append(" and is_child = false");
                case "unknown" -> where.append(" and is_child is null");
                default -> throw Problems.invalidParameter("ageGroup", "child, adult or unknown");
            }
        }
        if (filter.from != null) {
            where.append(" and event_date >= :from");
            parameters.put("from", filter.from);
        }
        if (filter.to != null) {
            where.append(" and event_date <= :to");
            parameters.put("to", filter.to);
        }
        equal(where, parameters, "source_system", "sourceSystem", filter.sourceSystem);
        if (filter.externalId != null && !audience.isStaff()) {
            // A source system's own ids are not partners' to see, nor to probe for: scripts find their own records.
            if (audience.ownRecordsOf() == null) {
                throw Problems.forbiddenParameter("externalId", "finding records by their source system's id is for staff and the organisation that wrote them");
            }
            where.append(" and c.organisation = :ownOrganisation");
            parameters.put("ownOrganisation", audience.ownRecordsOf());
        }
        equal(where, parameters, "external_id", "externalId", filter.externalId);
        if (filter.updatedSince != null) {
            where.append(" and updated_at >= :updatedSince");
            parameters.put("updatedSince", filter.updatedSince.toInstant());
        }
        if (filter.adminCode != null) {
            where.append(" and admin_pcodes @> array[cast(:adminCode as text)]");
            parameters.put("adminCode", filter.adminCode);
        }
        if (filter.name != null && !filter.name.isBlank()) {
            if (filter.name.length() > MAX_NAME) {
                throw Problems.invalidParameter("name", "at most " + MAX_NAME + " characters");
            }
            if (!audience.seesProtectedFields()) {
                // Names without consent are protected: they must not be findable either.
                where.append(" and consent_publish_name");
            }
            where.append(" and (shahed_fold(:name) <% shahed_fold(name_text)"
                    + " or name_keys && cast(:nameKeys as text[]))");
            parameters.put("name", filter.name);
            parameters.put("nameKeys", NameKeys.keys(
                    new CasualtyInput.Names(null, filter.name, null, null, null, null, null)).stream()
                    .filter(k -> k.startsWith("n:")).toArray(String[]::new));
        }
        return where;
    }

    /**
     * Every record {@code audience} reads that passes {@code filter}, as it may read it, in the order records last
     * changed, from one snapshot, read on demand; a filter's bad value is a problem naming it, before anything is
     * read. Only the columns a view is made of are read, with the incident's status beside each record, so no record
     * costs a second look-up.
     */
    public StreamedRows.Reading<CasualtyView> export(CasualtyFilter filter, Audience audience) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String where = condition(filter, audience, parameters).toString();
        return each -> eachListed(where, parameters, " order by " + FeedPosition.order("c"), listed -> each.accept(
                mapper.view(listed.casualty(), audience, listed.incidentStatus())));
    }

    /**
     * A record as exports and feeds read it: the columns its view and its place in the feed are made of (not the
     * keys and names de-duplication keeps), and the status of its incident as known here.
     */
    public record Listed(Casualty casualty, String incidentStatus) {
    }

    /** The records after feed position {@code after} that pass {@code condition}, at most {@code max}, in feed order. */
    public List<Listed> listedAfter(String condition, Map<String, Object> parameters, FeedPosition.After after, int max) {
        Map<String, Object> withPosition = new LinkedHashMap<>(parameters);
        withPosition.putAll(after.parameters());
        List<Listed> found = new ArrayList<>();
        eachListed(condition + " and " + FeedPosition.After.sql("c"), withPosition,
                " order by " + FeedPosition.order("c") + " limit " + max, found::add);
        return found;
    }

    private void eachListed(String condition, Map<String, Object> parameters, String order, Consumer<Listed> each) {
        String select = "select c.id, c.reference, c.version, cast(c.document as text), c.merged_into, c.review_flag,"
                + " c.organisation, c.created_at, c.updated_at, c.deleted_at, c.incident_id, c.change_seq, c.last_change,"
                + " p.incident_state, p.incident_deleted, c.change_txid"
                // Renamed, so that the condition's unqualified columns stay the record's.
                + " from casualty c left join lateral (select status as incident_state, deleted as incident_deleted"
                + " from incident_projection where id = c.incident_id) p on true"
                + " where " + condition + order;
        rows.copyEach(select, parameters, row -> {
            Casualty casualty = new Casualty(); // never persisted: what a view and a feed entry read
            casualty.id = row.uuid(0);
            casualty.reference = row.text(1);
            casualty.version = row.int8(2);
            casualty.document = row.text(3);
            casualty.mergedInto = row.uuid(4);
            casualty.reviewFlag = row.text(5);
            casualty.organisation = row.text(6);
            casualty.createdAt = row.instant(7);
            casualty.updatedAt = row.instant(8);
            casualty.deletedAt = row.instant(9);
            casualty.incidentId = row.uuid(10);
            casualty.changeSeq = row.int8(11);
            casualty.lastChange = row.text(12);
            casualty.changeTxid = row.int8(15);
            each.accept(new Listed(casualty, CasualtyMapper.incidentStatus(casualty.incidentId, row.text(13),
                    Boolean.TRUE.equals(row.bool(14)))));
        });
    }

    private static void equal(StringBuilder where, Map<String, Object> parameters, String column, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = :").append(name);
            parameters.put(name, value);
        }
    }

    private static String checked(String parameter, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw Problems.invalidParameter(parameter, "one of " + String.join(", ", allowed));
        }
        return value;
    }
}
