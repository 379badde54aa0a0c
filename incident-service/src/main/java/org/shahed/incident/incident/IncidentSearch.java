package org.shahed.incident.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.shahed.platform.security.Audience;
import org.shahed.platform.store.StreamedRows;
import org.shahed.platform.web.Problems;
import org.shahed.platform.web.TimeKeyset;
import org.shahed.platform.web.Page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/** Lists incidents by filters, full text and keyset cursor; partners' lists hold published incidents only. */
@ApplicationScoped
public class IncidentSearch {
    /** Longest search term or place name searched for: a search, not a document. */
    static final int MAX_TERM = 200;

    /** Orders a list may be sorted by; each is a keyset on (column, id). */
    public enum Sort {
        START_DESC("-start", "start_at", false),
        START_ASC("start", "start_at", true),
        UPDATED_DESC("-updated", "updated_at", false),
        UPDATED_ASC("updated", "updated_at", true);

        final String param;
        final String column;
        final boolean ascending;

        Sort(String param, String column, boolean ascending) {
            this.param = param;
            this.column = column;
            this.ascending = ascending;
        }

        public static Sort of(String param) {
            for (Sort sort : values()) {
                if (sort.param.equals(param)) {
                    return sort;
                }
            }
            throw Problems.invalidParameter("sort", "one of -start, start, -updated, updated");
        }
    }

    public record Result(List<Incident> items, String next) {
    }

    @Inject
    EntityManager entityManager;
    @Inject
    IncidentDisclosure disclosure;
    @Inject
    StreamedRows rows;

    /** The incidents {@code audience} reads that pass {@code filter}, a page at a time. */
    public Result search(IncidentFilter filter, Sort sort, String cursor, int limit, Audience audience) {
        Page.limit(limit);
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = condition(filter, audience, parameters);
        String kind = "incidents" + sort.param;
        where.append(" and ").append(TimeKeyset.after(kind, cursor, sort.column, sort.ascending, parameters));
        Query query = entityManager.createNativeQuery("select * from incident where " + where
                + TimeKeyset.order(sort.column, sort.ascending) + " limit " + (limit + 1), Incident.class);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Incident> found = new ArrayList<>(query.getResultList());
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            Incident last = found.get(limit - 1);
            Instant value = sort.column.equals("start_at") ? last.startAt : last.updatedAt;
            next = TimeKeyset.cursor(kind, value, last.id);
        }
        return new Result(found, next);
    }

    /**
     * Every incident {@code audience} reads that passes {@code filter}, by start time, from one snapshot, read on
     * demand, with the columns exports read; a filter's bad value is a problem naming it, before anything is read.
     */
    public StreamedRows.Reading<Incident> export(IncidentFilter filter, Audience audience) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String where = condition(filter, audience, parameters).toString();
        String select = "select id, reference, status, cast(document as text), types, start_at, end_at, latitude,"
                + " longitude, controlling_party, perpetrator_parties, attribution_grades, cast(casualty_summary as text),"
                + " published_at, version, updated_at from incident where " + where
                + TimeKeyset.order(Sort.START_ASC.column, true);
        return each -> rows.copyEach(select, parameters, row -> {
            Incident incident = new Incident(); // never persisted: the columns exports read
            incident.id = row.uuid(0);
            incident.reference = row.text(1);
            incident.status = row.text(2);
            incident.document = row.text(3);
            incident.types = row.textArray(4);
            incident.startAt = row.instant(5);
            incident.endAt = row.instant(6);
            incident.latitude = row.float8(7);
            incident.longitude = row.float8(8);
            incident.controllingParty = row.text(9);
            incident.perpetratorParties = row.textArray(10);
            incident.attributionGrades = row.textArray(11);
            incident.casualtySummary = row.text(12);
            incident.publishedAt = row.instant(13);
            incident.version = row.int8(14);
            incident.updatedAt = row.instant(15);
            each.accept(incident);
        });
    }

    private StringBuilder condition(IncidentFilter filter, Audience audience, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("deleted_at is null and ").append(disclosure.rowsReadBy(audience, parameters));
        addFilters(filter, audience.seesUnpublished(), where, parameters);
        return where;
    }

    private static void addFilters(IncidentFilter filter, boolean anyStatus, StringBuilder where,
            Map<String, Object> parameters) {
        if (anyStatus && filter.status != null) {
            try {
                Status.of(filter.status);
            } catch (IllegalArgumentException e) {
                throw Problems.invalidParameter("status", "unknown status '" + filter.status + "'");
            }
            where.append(" and status = :status");
            parameters.put("status", filter.status);
        }
        checkTerm("q", filter.q);
        checkTerm("place", filter.place);
        if (filter.q != null && !filter.q.isBlank()) {
            where.append(" and (to_tsvector('simple', shahed_fold(search_text)) @@ plainto_tsquery('simple', shahed_fold(:q))"
                    + " or shahed_fold(:q) <% shahed_fold(search_text))");
            parameters.put("q", filter.q);
        }
        if (filter.place != null && !filter.place.isBlank()) {
            // The place as typed, not a pattern: LIKE's wildcards in it are matched as themselves.
            where.append(" and (shahed_fold(place_text) like '%' || shahed_fold(:placePattern) || '%' escape '\\'"
                    + " or shahed_fold(:place) <% shahed_fold(place_text))");
            parameters.put("place", filter.place);
            parameters.put("placePattern", filter.place.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        }
        if (filter.from != null) {
            where.append(" and start_at >= :from");
            parameters.put("from", filter.from.toInstant());
        }
        if (filter.to != null) {
            where.append(" and start_at < :to");
            parameters.put("to", filter.to.toInstant());
        }
        if (filter.updatedSince != null) {
            where.append(" and updated_at >= :updatedSince");
            parameters.put("updatedSince", filter.updatedSince.toInstant());
        }
        arrayContains(where, parameters, "admin_pcodes", "adminCode", filter.adminCode);
        arrayContains(where, parameters, "types", "type", filter.type);
        arrayContains(where, parameters, "perpetrator_parties", "perpetrator", filter.perpetrator);
        arrayContains(where, parameters, "attribution_grades", "attribution", filter.attribution);
        arrayContains(where, parameters, "pattern_flags", "patternFlag", filter.patternFlag);
        if (filter.bbox != null) {
            double[] box = bbox(filter.bbox);
            where.append(" and longitude between :minLon and :maxLon and latitude between :minLat and :maxLat");
            parameters.put("minLon", box[0]);
            parameters.put("minLat", box[1]);
            parameters.put("maxLon", box[2]);
            parameters.put("maxLat", box[3]);
        }
    }

    private static void checkTerm(String parameter, String value) {
        if (value != null && value.length() > MAX_TERM) {
            throw Problems.invalidParameter(parameter, "at most " + MAX_TERM + " characters");
        }
    }

    private static void arrayContains(StringBuilder where, Map<String, Object> parameters, String column,
            String parameter, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" @> array[cast(:").append(parameter).append(" as text)]");
            parameters.put(parameter, value);
        }
    }

    private static double[] bbox(String value) {
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw Problems.invalidParameter("bbox", "minLon,minLat,maxLon,maxLat");
        }
        double[] box = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                box[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw Problems.invalidParameter("bbox", "four numbers: minLon,minLat,maxLon,maxLat");
        }
        if (box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90 || box[0] > box[2] || box[1] > box[3]) {
            throw Problems.invalidParameter("bbox", "minLon ≤ maxLon within ±180, minLat ≤ maxLat within ±90");
        }
        return box;
    }
}
