package org.shahed.media.link;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.shahed.media.asset.MediaAsset;
import org.shahed.media.asset.MediaAssets;
import org.shahed.media.custody.CustodyLog;
import org.shahed.media.projection.CasualtyProjection;
import org.shahed.media.projection.IncidentProjection;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Links between evidence files and incidents or casualty records. A link is checked against this service's
 * projections of the other services' records (no call to them): one to a record deleted there is refused; one to a
 * record not known here yet (its event still on its way, or a script documenting media before the incident) is
 * kept as {@code pending}, as casualty records' incidents are, and takes the record's status when its event comes.
 * Partners see a file only through published incidents, so a pending link shows them nothing.
 */
@ApplicationScoped
public class MediaLinks {
    @Inject
    MediaAssets assets;
    @Inject
    CustodyLog custody;

    @Transactional
    public MediaLink link(UUID assetId, String targetType, UUID targetId, String reason, String by) {
        MediaAsset asset = assets.locked(assetId);
        boolean deleted = switch (targetType) {
            case "incident" -> {
                IncidentProjection incident = IncidentProjection.findById(targetId);
                yield incident != null && incident.deleted;
            }
            case "casualty" -> {
                CasualtyProjection casualty = CasualtyProjection.findById(targetId);
                yield casualty != null && casualty.deleted;
            }
            default -> throw Problems.invalidField("targetType", "incident or casualty");
        };
        if (deleted) {
            throw Problems.invalidField("targetId", targetType + " " + targetId + " was deleted");
        }
        if (MediaLink.count("assetId = ?1 and targetType = ?2 and targetId = ?3 and removedAt is null", assetId,
                targetType, targetId) > 0) {
            throw Problems.conflict("media " + assetId + " is already linked to " + targetType + " " + targetId);
        }
        MediaLink link = new MediaLink();
        link.id = UUID.randomUUID();
        link.assetId = assetId;
        link.targetType = targetType;
        link.targetId = targetId;
        link.reason = reason;
        link.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        link.createdBy = by;
        link.persist();
        asset.revise(by);
        custody.append(assetId, "linked", by, Map.of("linkId", link.id.toString(), "targetType", targetType,
                "targetId", targetId.toString(), "reason", reason));
        assets.record(asset, "linked", "linked");
        return link;
    }

    @Transactional
    public void unlink(UUID assetId, UUID linkId, String by) {
        MediaAsset asset = assets.locked(assetId);
        MediaLink link = MediaLink.find("id = ?1 and assetId = ?2 and removedAt is null", linkId, assetId).firstResult();
        if (link == null) {
            throw Problems.notFound("link " + linkId + " of media " + assetId);
        }
        link.removedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        link.removedBy = by;
        asset.revise(by);
        custody.append(assetId, "unlinked", by, Map.of("linkId", linkId.toString()));
        assets.record(asset, "unlinked", "unlinked");
    }
}
