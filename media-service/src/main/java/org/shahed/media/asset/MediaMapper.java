package org.shahed.media.asset;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.shahed.media.derivative.MediaDerivative;
import org.shahed.media.link.MediaLink;
import org.shahed.media.projection.CasualtyProjection;
import org.shahed.media.projection.IncidentProjection;
import org.shahed.platform.security.Audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Between stored evidence files and the API's records and events, with the protection rules on the way out. */
@ApplicationScoped
public class MediaMapper {
    @Inject
    ObjectMapper json;
    @Inject
    MediaDisclosure disclosure;

    public MediaDescription description(MediaAsset asset) {
        return read(asset.document, MediaDescription.class);
    }

    /**
     * The file's record as {@code audience} may read it. Staff read every field. Everyone else reads an
     * allow-list: what the bytes are (hash, size, type, capture time, dimensions and duration, but not the device),
     * the caption, sensitivity, the verification's status and methods (not its notes or who verified), the shareable
     * copies, and links to incidents it reads (without the reasons given); never the position, the original file
     * name, how and from whom the file was obtained, who uploaded it, or review flags.
     */
    public MediaView view(MediaAsset asset, Audience audience) {
        return view(asset, audience, true);
    }

    /** The full record as history keeps it: without what is read from elsewhere at the time (statuses). */
    public MediaView historyView(MediaAsset asset) {
        return view(asset, Audience.STAFF, false);
    }

    private MediaView view(MediaAsset asset, Audience audience, boolean withStatuses) {
        MediaDescription description = description(asset);
        Map<String, Object> metadata = read(asset.extracted, new TypeReference<Map<String, Object>>() {
        });
        List<String> derivatives = MediaDerivative.<MediaDerivative>list("assetId = ?1 order by kind", asset.id).stream()
                .map(d -> d.kind).toList();
        List<MediaLink> links = liveLinks(asset);
        Map<UUID, String> statuses = targetStatuses(links);
        if (audience.seesProtectedFields()) {
            Map<UUID, String> shownStatuses = withStatuses ? statuses : Map.of();
            MediaView.Location location = asset.gpsLatitude == null ? null
                    : new MediaView.Location(asset.gpsLatitude, asset.gpsLongitude);
            return new MediaView(asset.id, asset.reference, asset.version, asset.sha256, asset.sizeBytes,
                    asset.mediaType, asset.kind, asset.originalFileName, asset.capturedAt, asset.capturedLocal, location, metadata,
                    description.title(), description.description(), description.acquisition(),
                    description.sensitivity(), description.verification(), derivatives,
                    links.stream().map(l -> new MediaView.LinkView(l.id, l.targetType, l.targetId, l.reason,
                            shownStatuses.get(l.id), l.createdAt)).toList(),
                    asset.reviewFlag, asset.timestampedAt, asset.lastFixityCheckAt, asset.lastFixityOk,
                    asset.createdBy, withStatuses ? sharedWithPartners(asset) : null, asset.createdAt, asset.updatedAt);
        }
        Map<String, Object> shownMetadata = new LinkedHashMap<>();
        for (String field : PARTNER_METADATA) {
            if (metadata.containsKey(field)) {
                shownMetadata.put(field, metadata.get(field));
            }
        }
        MediaDescription.Verification verification = description.verification() == null ? null
                : new MediaDescription.Verification(description.verification().status(),
                        description.verification().methods(), null, null, description.verification().verifiedAt());
        return new MediaView(asset.id, asset.reference, asset.version, asset.sha256, asset.sizeBytes,
                asset.mediaType, asset.kind, null, asset.capturedAt, asset.capturedLocal, null, shownMetadata, description.title(),
                description.description(), null, description.sensitivity(), verification, derivatives,
                links.stream().filter(l -> "published".equals(statuses.get(l.id)))
                        .map(l -> new MediaView.LinkView(l.id, l.targetType, l.targetId, null, null, l.createdAt)).toList(),
                null, asset.timestampedAt, asset.lastFixityCheckAt, asset.lastFixityOk, null, null, asset.createdAt,
                asset.updatedAt);
    }

    /** Fields of the embedded metadata partners read: nothing that names the device. */
    private static final List<String> PARTNER_METADATA = List.of("width", "height", "durationSeconds", "captureTimeZone");

    /**
     * The status, as known here, of what each link points at: an incident's own status, a casualty record's
     * incident's status ({@code pending} while not known).
     */
    private Map<UUID, String> targetStatuses(List<MediaLink> links) {
        Map<UUID, String> statuses = new HashMap<>();
        for (MediaLink link : links) {
            UUID incidentId = link.targetId;
            if ("casualty".equals(link.targetType)) {
                CasualtyProjection casualty = CasualtyProjection.findById(link.targetId);
                incidentId = casualty == null || casualty.deleted ? null : casualty.incidentId;
            }
            IncidentProjection incident = incidentId == null ? null : IncidentProjection.findById(incidentId);
            statuses.put(link.id, incident == null ? "pending" : incident.deleted ? "deleted" : incident.status);
        }
        return statuses;
    }

    private Boolean sharedWithPartners(MediaAsset asset) {
        return disclosure.shareable(List.of(asset.id)).contains(asset.id);
    }

    public MediaEvent event(MediaAsset asset) {
        List<MediaEvent.Link> links = liveLinks(asset).stream().map(l -> new MediaEvent.Link(l.targetType, l.targetId)).toList();
        return new MediaEvent(asset.id, asset.reference, asset.version, asset.sha256, asset.kind, asset.mediaType,
                asset.capturedAt, asset.capturedLocal, asset.verificationStatus, asset.clearedForSharing, links,
                asset.isDeleted());
    }

    private static List<MediaLink> liveLinks(MediaAsset asset) {
        return MediaLink.list("assetId = ?1 and removedAt is null order by createdAt", asset.id);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON value of an enum constant (its {@code @JsonProperty}). */
    public String value(Enum<?> constant) {
        return constant == null ? null : json.convertValue(constant, String.class);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
