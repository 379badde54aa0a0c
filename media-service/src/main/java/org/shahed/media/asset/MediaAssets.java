package org.shahed.media.asset;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.shahed.media.custody.CustodyLog;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Problems;
import org.shahed.platform.store.NativeIds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The rules of evidence files once stored: who may see which, sensitivity and clearing for partners,
 * verification, retraction. Every change is versioned, kept in history, written to the custody log, fed to the
 * changes feed and published through the outbox, all in one transaction.
 */
@ApplicationScoped
public class MediaAssets {
    public static final String AGGREGATE = "media";
    private static final String EVENT_PREFIX = "org.shahed.media.";
    @Inject
    MediaMapper mapper;
    @Inject
    CustodyLog custody;
    @Inject
    ChangeRecorder recorder;
    @Inject
    ChangeFeed changeFeed;
    @Inject
    EntityManager entityManager;
    @Inject
    MediaDisclosure disclosure;

    /** The live asset, for staff's operations on it (who reads what is MediaDisclosure's). */
    public MediaAsset live(UUID id) {
        MediaAsset asset = MediaAsset.findById(id);
        if (asset == null || asset.isDeleted()) {
            throw Problems.notFound("media " + id);
        }
        return asset;
    }

    /**
     * The asset locked for a change in this transaction. The feed's publication lock is taken first, as the
     * incident consumer takes it before moving an incident's files in the feed: one order of locks, so the two
     * never deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public MediaAsset locked(UUID id) {
        changeFeed.lockPublication(AGGREGATE);
        MediaAsset asset = MediaAsset.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (asset == null || asset.isDeleted()) {
            throw Problems.notFound("media " + id);
        }
        return asset;
    }

    @Transactional
    public MediaAsset changeSensitivity(UUID id, String ifMatch, MediaDescription.Sensitivity wanted, boolean reviewer,
            String by) {
        MediaAsset asset = locked(id);
        ETags.requireMatch(ifMatch, asset.version);
        MediaDescription description = mapper.description(asset);
        boolean clear = Boolean.TRUE.equals(wanted.clearedForSharing());
        if (clear != asset.clearedForSharing && !reviewer) {
            throw Problems.forbidden("only reviewers clear media for sharing or withdraw the clearance");
        }
        if (clear && wanted.protectedPersonsVisible() && wanted.consent() != MediaDescription.Consent.GIVEN) {
            throw Problems.conflict("media showing protected persons is cleared for sharing only with their consent");
        }
        MediaDescription.Sensitivity sensitivity = new MediaDescription.Sensitivity(wanted.graphic(),
                wanted.protectedPersonsVisible(), wanted.consent(), clear);
        asset.document = mapper.write(description.with(sensitivity));
        asset.graphic = sensitivity.graphic();
        asset.protectedPersonsVisible = sensitivity.protectedPersonsVisible();
        asset.clearedForSharing = clear;
        asset.revise(by);
        custody.append(id, "sensitivity-changed", by, Map.of("graphic", sensitivity.graphic(),
                "protectedPersonsVisible", sensitivity.protectedPersonsVisible(),
                "consent", mapper.value(sensitivity.consent()), "clearedForSharing", clear));
        record(asset, "updated", "updated");
        return asset;
    }

    @Transactional
    public MediaAsset verify(UUID id, String ifMatch, MediaDescription.Verification wanted, String by) {
        MediaAsset asset = locked(id);
        ETags.requireMatch(ifMatch, asset.version);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MediaDescription.Verification verification = new MediaDescription.Verification(wanted.status(),
                wanted.methods(), wanted.notes(), by, now);
        asset.document = mapper.write(mapper.description(asset).with(verification));
        asset.verificationStatus = mapper.value(verification.status());
        asset.revise(by);
        custody.append(id, "verification-recorded", by, Map.of("status", asset.verificationStatus,
                "methods", verification.methods() == null ? List.of()
                        : verification.methods().stream().map(mapper::value).toList()));
        record(asset, "verified", "verified");
        return asset;
    }

    /** Retraction: the asset leaves every list and feed as a tombstone; the original and its log stay. */
    @Transactional
    public void retract(UUID id, String ifMatch, String reason, String by) {
        MediaAsset asset = locked(id);
        ETags.requireMatch(ifMatch, asset.version);
        asset.markDeleted(by);
        asset.clearedForSharing = false;
        custody.append(id, "retracted", by, Map.of("reason", reason == null ? "" : reason));
        record(asset, "retracted", "retracted");
    }

    /** Versions the change: changes feed position, history snapshot and event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(MediaAsset asset, String change, String eventType) {
        // Whether partners may read a file depends on its links to incidents and to casualty records: one lock for
        // the feed, rather than one per incident as casualty records take. Files are written far less often.
        changeFeed.lockPublication(AGGREGATE);
        recorder.recordInFeed(new ChangeRecorder.Change(AGGREGATE, asset, change, null,
                () -> mapper.write(mapper.historyView(asset)), EVENT_PREFIX + eventType, () -> mapper.event(asset)),
                () -> {
                    asset.persist();
                    entityManager.flush();
                    // Asked under the feed's publication lock, which the incident consumer takes too.
                    if (asset.sharedAt == null && disclosure.shareable(List.of(asset.id)).contains(asset.id)) {
                        asset.sharedAt = asset.updatedAt;
                    }
                });
    }

    /**
     * An incident became readable by partners ({@code published}) or stopped being: the live files linked to it
     * (directly, or through one of its casualty records) take new changes-feed positions, so that partners' feeds
     * carry each (or its tombstone), and those now shareable are marked shared the first time. The files are
     * unchanged: no version, history, custody entry or event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publicationChanged(UUID incidentId, boolean published) {
        changeFeed.lockPublication(AGGREGATE);
        List<UUID> ids = NativeIds.of(entityManager.createNativeQuery("""
                select a.id from media_asset a where a.deleted_at is null and exists (
                    select 1 from media_link l left join casualty_projection c
                        on l.target_type = 'casualty' and c.id = l.target_id
                    where l.asset_id = a.id and l.removed_at is null
                      and (l.target_type = 'incident' and l.target_id = :incident or c.incident_id = :incident))""")
                .setParameter("incident", incidentId));
        if (ids.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("update media_asset a set " + ChangeFeed.movedToEnd(AGGREGATE)
                + ", last_change = :change where a.id in (:ids)")
                .setParameter("change", published ? "published" : "withdrawn").setParameter("ids", ids).executeUpdate();
        entityManager.createNativeQuery("update media_asset a set shared_at = now() where a.id in (:ids)"
                + " and a.shared_at is null and " + MediaDisclosure.SHAREABLE).setParameter("ids", ids).executeUpdate();
    }

    /** A new reference, e.g. MED-2016-000001 (the year of capture as the device showed it, or of upload). */
    public String nextReference(LocalDateTime capturedLocal) {
        long number = ((Number) entityManager.createNativeQuery("select nextval('media_reference_seq')")
                .getSingleResult()).longValue();
        int year = (capturedLocal != null ? capturedLocal.toLocalDate() : LocalDate.now(ZoneOffset.UTC)).getYear();
        return String.format("MED-%d-%06d", year, number);
    }
}
