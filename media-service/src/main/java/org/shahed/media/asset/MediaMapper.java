package org.shahed.media.asset;

import java.util.List;
import java.util.Map;

import org.shahed.media.derivative.MediaDerivative;
import org.shahed.media.link.MediaLink;

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

    public MediaDescription description(MediaAsset asset) {
        return read(asset.document, MediaDescription.class);
    }

    public MediaView view(MediaAsset asset, boolean seesProtectedFields) {
        MediaDescription description = description(asset);
        Map<String, Object> metadata = read(asset.extracted, new TypeReference<Map<String, Object>>() {
        });
        List<String> derivatives = MediaDerivative.<MediaDerivative>list("assetId = ?1 order by kind", asset.id).stream()
                .map(d -> d.kind).toList();
        List<MediaView.LinkView> links = liveLinks(asset).stream()
                .map(l -> new MediaView.LinkView(l.id, l.targetType, l.targetId, l.reason, l.createdAt)).toList();
        MediaView.Location location = seesProtectedFields && asset.gpsLatitude != null
                ? new MediaView.Location(asset.gpsLatitude, asset.gpsLongitude)
                : null;
        return new MediaView(asset.id, asset.reference, asset.version, asset.sha256, asset.sizeBytes, asset.mediaType,
                asset.kind, seesProtectedFields ? asset.originalFileName : null, asset.capturedAt, location, metadata,
                description.title(), description.description(), seesProtectedFields ? description.acquisition() : null,
                description.sensitivity(), description.verification(), derivatives, links, asset.reviewFlag,
                asset.timestampedAt, asset.lastFixityCheckAt, asset.lastFixityOk, seesProtectedFields ? asset.createdBy : null,
                asset.createdAt, asset.updatedAt);
    }

    public MediaEvent event(MediaAsset asset) {
        List<MediaEvent.Link> links = liveLinks(asset).stream().map(l -> new MediaEvent.Link(l.targetType, l.targetId)).toList();
        return new MediaEvent(asset.id, asset.reference, asset.version, asset.sha256, asset.kind, asset.mediaType,
                asset.capturedAt, asset.verificationStatus, asset.clearedForSharing, links, asset.isDeleted());
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
