package org.shahed.media.asset;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.shahed.media.custody.CustodyLog;
import org.shahed.platform.outbox.Outbox;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.History;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.Problems;

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
    /** Partners see an asset only when cleared, live, and not linked to a retracted incident. */
    static final String SHAREABLE = """
            a.cleared_for_sharing and a.deleted_at is null and not exists (
                select 1 from media_link l join incident_projection i on i.id = l.target_id
                where l.asset_id = a.id and l.removed_at is null and l.target_type = 'incident'
                  and (i.status = 'retracted' or i.deleted))""";

    @Inject
    MediaMapper mapper;
    @Inject
    CustodyLog custody;
    @Inject
    Outbox outbox;
    @Inject
    ChangeFeed changeFeed;
    @Inject
    History history;
    @Inject
    EntityManager entityManager;

    /** The asset if the caller may see it: everyone else than partners sees live assets; partners shareable ones. */
    public MediaAsset visible(UUID id, boolean partnerOnly) {
        MediaAsset asset = MediaAsset.findById(id);
        if (asset == null || asset.isDeleted() || partnerOnly && !shareable(id)) {
            throw Problems.notFound("media " + id);
        }
        return asset;
    }

    private boolean shareable(UUID id) {
        return !entityManager.createNativeQuery("select 1 from media_asset a where a.id = :id and " + SHAREABLE)
                .setParameter("id", id).getResultList().isEmpty();
    }

    /** The asset locked for a change in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MediaAsset locked(UUID id) {
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
                "methods", verification.methods() == null ? java.util.List.of()
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
        asset.changeSeq = changeFeed.next(AGGREGATE);
        asset.lastChange = change;
        asset.persist();
        entityManager.flush();
        history.keep(AGGREGATE, asset, change, null, mapper.write(mapper.view(asset, true)));
        outbox.record(AGGREGATE, asset.id, EVENT_PREFIX + eventType, mapper.event(asset));
    }

    /** A new reference, e.g. MED-2016-000001 (the year of capture, or of upload when unknown). */
    public String nextReference(Instant capturedAt) {
        long number = ((Number) entityManager.createNativeQuery("select nextval('media_reference_seq')")
                .getSingleResult()).longValue();
        int year = (capturedAt != null ? capturedAt.atZone(ZoneOffset.UTC).toLocalDate() : LocalDate.now(ZoneOffset.UTC)).getYear();
        return String.format("MED-%d-%06d", year, number);
    }
}
