package org.shahed.media.asset;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.shahed.media.projection.CasualtyProjection;
import org.shahed.platform.security.Audience;
import org.shahed.platform.web.Problems;
import org.shahed.platform.store.NativeIds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Which evidence files each audience reads, and which of their links, in one place; which fields of a file's
 * record it reads is {@link MediaMapper#view}'s allow-list.
 * <ul>
 * <li>Staff (analysts, reviewers, admins) read every live file, and its original.</li>
 * <li>Partners read a file that a reviewer cleared for sharing and that documents a published incident (a live
 * link to one), unless it is also linked to an incident that was retracted or deleted; only its shareable copies,
 * never the original; and of its links only those to incidents they read (and to casualty records of such
 * incidents).</li>
 * <li>Ingestion scripts read what partners read, and the records (not the bytes) of the files their own
 * organisation uploaded.</li>
 * </ul>
 * A file that stops being shareable (clearance withdrawn, retracted, its incident retracted) reaches partners'
 * changes feed as a tombstone, if they had seen it ({@code shared_at}).
 */
@ApplicationScoped
public class MediaDisclosure {
    /** SQL on a media_asset row aliased {@code a}: partners read it. */
    static final String SHAREABLE = """
            (a.cleared_for_sharing and a.deleted_at is null
             and exists (select 1 from media_link l join incident_projection i on i.id = l.target_id
                 where l.asset_id = a.id and l.removed_at is null and l.target_type = 'incident'
                   and i.status = 'published' and not i.deleted)
             and not exists (select 1 from media_link l join incident_projection i on i.id = l.target_id
                 where l.asset_id = a.id and l.removed_at is null and l.target_type = 'incident'
                   and (i.status = 'retracted' or i.deleted)))""";

    @Inject
    EntityManager entityManager;

    /** The SQL condition on a media_asset row aliased {@code a} that keeps the files {@code audience} reads. */
    public String rowsReadBy(Audience audience, Map<String, Object> parameters) {
        return audience.rows(SHAREABLE, "a.organisation", parameters);
    }

    /** The changes feed's condition: files {@code audience} reads, and those it read before (tombstones). */
    public String feedOf(Audience audience, Map<String, Object> parameters) {
        return audience.rows("a.shared_at is not null", "a.organisation", parameters);
    }

    /** Whether {@code audience} reads this file's record now. */
    public boolean readsRecord(Audience audience, MediaAsset asset) {
        return audience.seesUnpublished() || audience.owns(asset.organisation) || shareable(List.of(asset.id)).contains(asset.id);
    }

    /** Whether {@code audience} receives this file's shareable copies (thumbnail, preview, its time-stamp). */
    public boolean readsCopies(Audience audience, MediaAsset asset) {
        return audience.seesUnpublished() || shareable(List.of(asset.id)).contains(asset.id);
    }

    /** The live file {@code id} if {@code audience} reads its record; 404 otherwise, as if it did not exist. */
    public MediaAsset readable(Audience audience, UUID id) {
        MediaAsset asset = MediaAsset.findById(id);
        if (asset == null || asset.isDeleted() || !readsRecord(audience, asset)) {
            throw Problems.notFound("media " + id);
        }
        return asset;
    }

    /** Which of these files partners read now. */
    @SuppressWarnings("unchecked")
    public Set<UUID> shareable(Collection<UUID> assetIds) {
        if (assetIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(NativeIds.of(entityManager.createNativeQuery("select a.id from media_asset a"
                + " where a.id in (:ids) and " + SHAREABLE).setParameter("ids", List.copyOf(assetIds))));
    }

    /** Whether {@code audience} reads the incident and the casualty record's incident a list is filtered by. */
    public boolean readsLinkTargets(Audience audience, UUID incidentId, UUID casualtyId) {
        if (incidentId != null && readableIncidents(audience, List.of(incidentId)).isEmpty()) {
            return false;
        }
        if (casualtyId != null) {
            CasualtyProjection casualty = CasualtyProjection.findById(casualtyId);
            return casualty != null && !casualty.deleted && casualty.incidentId != null
                    && !readableIncidents(audience, List.of(casualty.incidentId)).isEmpty();
        }
        return true;
    }

    /**
     * Which of these incidents {@code audience} reads, as this service knows them: staff all; anyone else the
     * published ones (for the links it is shown).
     */
    @SuppressWarnings("unchecked")
    public Set<UUID> readableIncidents(Audience audience, Collection<UUID> incidentIds) {
        if (audience.seesUnpublished() || incidentIds.isEmpty()) {
            return new HashSet<>(incidentIds);
        }
        return new HashSet<>(NativeIds.of(entityManager.createNativeQuery("select i.id from incident_projection i"
                + " where i.id in (:ids) and i.status = 'published' and not i.deleted")
                .setParameter("ids", List.copyOf(incidentIds))));
    }
}
