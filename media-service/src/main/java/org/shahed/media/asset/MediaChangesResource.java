package org.shahed.media.asset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.web.Page;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Incremental sync of evidence files' records, with tombstones for retracted ones (and, for partners, unshared ones). */
@Path("/api/v1/media/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media")
public class MediaChangesResource {
    private static final String KIND = "media-changes";

    @Inject
    MediaMapper mapper;
    @Inject
    Caller caller;
    @Inject
    EntityManager entityManager;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MediaChange")
    public record ChangeView(UUID id, String reference, String change, boolean tombstone, Instant changedAt,
            @Schema(description = "The file's record now; absent on tombstones") MediaView media) {
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Files changed since a cursor, in commit order, each once with its latest state",
            description = "`next` is always present: pass it as `since` to resume.")
    public Page<ChangeView> changes(
            @Parameter(description = "Cursor from a previous `next`; absent to start from the beginning") @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        ChangeFeed.FeedPage<MediaAsset> page = ChangeFeed.read(KIND, since, limit, (after, max) ->
                MediaAsset.<MediaAsset>find("changeSeq > ?1 order by changeSeq", after).page(0, max).list(), a -> a.changeSeq);
        List<MediaAsset> changed = page.items();
        boolean partner = caller.seesPublishedOnly();
        List<UUID> shareable = partner && !changed.isEmpty() ? shareable(changed) : List.of();
        boolean protectedVisible = caller.seesProtectedFields();
        List<ChangeView> items = changed.stream().map(a -> {
            boolean tombstone = a.isDeleted() || partner && !shareable.contains(a.id);
            return new ChangeView(a.id, a.reference, a.lastChange, tombstone, a.updatedAt,
                    tombstone ? null : mapper.view(a, protectedVisible));
        }).toList();
        return new Page<>(items, page.next());
    }

    @SuppressWarnings("unchecked")
    private List<UUID> shareable(List<MediaAsset> assets) {
        return entityManager.createNativeQuery("select a.id from media_asset a where a.id in (:ids) and " + MediaAssets.SHAREABLE, UUID.class)
                .setParameter("ids", assets.stream().map(a -> a.id).toList()).getResultList();
    }
}
