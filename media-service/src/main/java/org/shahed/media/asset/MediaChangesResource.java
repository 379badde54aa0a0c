package org.shahed.media.asset;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.FeedPosition;
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
    ChangeFeed changeFeed;
    @Inject
    MediaMapper mapper;
    @Inject
    Caller caller;
    @Inject
    EntityManager entityManager;
    @Inject
    MediaDisclosure disclosure;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MediaChange")
    public record ChangeView(UUID id, String reference, String change, boolean tombstone, Instant changedAt,
            @Schema(description = "The file's record now; absent on tombstones") MediaView media) {
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Files changed since a cursor, each once with its latest state",
            description = "`next` is always present: pass it as `cursor` to resume; `hasMore` says whether more follow now. Partners receive the files they "
                    + "read (cleared for sharing, documenting a published incident); one they received before and may "
                    + "no longer read comes as a tombstone.")
    public Page<ChangeView> changes(
            @Parameter(description = "Cursor from a previous `next`; absent to start from the beginning") @QueryParam("cursor") String cursor,
            @Parameter(description = "The older name of `cursor`", deprecated = true) @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Audience audience = caller.audience();
        Map<String, Object> parameters = new HashMap<>();
        String feed = disclosure.feedOf(audience, parameters);
        ChangeFeed.FeedPage<MediaAsset> page = changeFeed.read(KIND, ChangeFeed.cursor(cursor, since), limit,
                ChangeFeed.rowsOf(entityManager, MediaAsset.class, "media_asset", "a", feed, parameters), FeedPosition::of);
        List<MediaAsset> changed = page.items();
        Set<UUID> shareable = audience.seesUnpublished() || changed.isEmpty() ? Set.of()
                : disclosure.shareable(changed.stream().map(a -> a.id).toList());
        List<ChangeView> items = changed.stream().map(a -> {
            boolean readable = audience.seesUnpublished() || audience.owns(a.organisation) || shareable.contains(a.id);
            boolean tombstone = a.isDeleted() || !readable;
            String change = !readable && !a.isDeleted() ? "withdrawn" : a.lastChange;
            return new ChangeView(a.id, a.reference, change, tombstone, a.updatedAt,
                    tombstone ? null : mapper.view(a, audience));
        }).toList();
        return new Page<>(items, page.next(), page.hasMore());
    }
}
