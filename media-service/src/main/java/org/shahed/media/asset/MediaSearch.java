package org.shahed.media.asset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.shahed.platform.security.Audience;
import org.shahed.platform.web.Cursors;
import org.shahed.platform.web.Problems;
import org.shahed.platform.web.Page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/** Filtered, cursor-paged lists of evidence files, newest uploads last (a stable order: upload time, then id). */
@ApplicationScoped
public class MediaSearch {
    /** When a file was captured, for filters: a file whose zone is unknown counts by its local time. */
    private static final String CAPTURED = "coalesce(a.captured_at, a.captured_local at time zone 'UTC')";
    private static final String KIND = "media";

    @Inject
    EntityManager entityManager;
    @Inject
    MediaDisclosure disclosure;

    public record Result(List<MediaAsset> items, String next) {
    }

    /** The files {@code audience} reads that pass {@code filter}, a page at a time. */
    public Result search(MediaFilter filter, String cursor, int limit, Audience audience) {
        Page.limit(limit);
        List<String> where = new ArrayList<>(List.of("a.deleted_at is null"));
        Map<String, Object> parameters = new HashMap<>();
        where.add(disclosure.rowsReadBy(audience, parameters));
        if (filter.uploadedBy != null && !audience.isStaff()) {
            // Who on the staff uploaded a file is protected: it is not a filter others may probe with either.
            throw Problems.forbiddenParameter("uploadedBy", "filtering by uploader is for staff roles");
        }
        if (!audience.seesUnpublished() && !disclosure.readsLinkTargets(audience, filter.incidentId, filter.casualtyId)) {
            // Asking for the files of an incident (or record) one may not read tells nothing, not even that it exists.
            return new Result(List.of(), null);
        }
        if (filter.incidentId != null) {
            where.add(linked("incident", "incidentId"));
            parameters.put("incidentId", filter.incidentId);
        }
        if (filter.casualtyId != null) {
            where.add(linked("casualty", "casualtyId"));
            parameters.put("casualtyId", filter.casualtyId);
        }
        add(where, parameters, "a.kind = :kind", "kind", filter.kind);
        add(where, parameters, "a.verification_status = :status", "status", filter.verificationStatus);
        add(where, parameters, CAPTURED + " >= :from", "from", filter.capturedFrom);
        add(where, parameters, CAPTURED + " < :to", "to", filter.capturedTo);
        add(where, parameters, "a.created_by = :uploader", "uploader", filter.uploadedBy);
        add(where, parameters, "a.sha256 = :sha", "sha", filter.sha256 == null ? null : filter.sha256.toLowerCase());
        if (cursor != null) {
            List<String> position = Cursors.decode(KIND, cursor, 2, "cursor");
            where.add("(a.created_at, a.id) > (:afterTime, :afterId)");
            try {
                parameters.put("afterTime", Instant.parse(position.get(0)));
                parameters.put("afterId", UUID.fromString(position.get(1)));
            } catch (RuntimeException e) {
                throw Cursors.invalid("cursor");
            }
        }
        Query query = entityManager.createNativeQuery("select a.* from media_asset a where " + String.join(" and ", where)
                + " order by a.created_at, a.id limit " + (limit + 1), MediaAsset.class);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<MediaAsset> found = query.getResultList();
        String next = null;
        if (found.size() > limit) {
            MediaAsset last = found.get(limit - 1);
            next = Cursors.encode(KIND, last.createdAt.toString(), last.id.toString());
            found = found.subList(0, limit);
        }
        return new Result(found, next);
    }

    private static String linked(String type, String parameter) {
        return "exists (select 1 from media_link l where l.asset_id = a.id and l.removed_at is null and l.target_type = '"
                + type + "' and l.target_id = :" + parameter + ")";
    }

    private static void add(List<String> where, Map<String, Object> parameters, String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            parameters.put(name, value);
        }
    }
}
