package org.shahed.incident.area;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/area-control")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Area control", description = "Which party controlled which area, and when")
public class AreaControlResource {
    @Inject
    AreaControls areaControls;
    @Inject
    Caller caller;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The control timeline of an area, or only the period in force on a date",
            description = "An area's few periods of control, always in one page")
    public Page<AreaControlView> timeline(
            @Parameter(description = "OCHA P-code", example = "SY0903", required = true) @QueryParam("pcode") String pcode,
            @Parameter(description = "Only the period in force on this date", example = "2016-06-25") @QueryParam("asOf") LocalDate asOf) {
        if (pcode == null || pcode.isBlank()) {
            throw Problems.invalidParameter("pcode", "required");
        }
        if (asOf != null) {
            return Page.whole(areaControls.controlling(pcode, asOf).map(AreaControlView::of).stream().toList());
        }
        return Page.whole(areaControls.timeline(pcode).stream().map(AreaControlView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Record a period of control")
    public Response add(@NotNull @Valid AreaControlInput input) {
        AreaControl control = areaControls.add(input, caller.name());
        return Response.created(URI.create("/api/v1/area-control?pcode=" + control.areaPcode))
                .entity(AreaControlView.of(control)).build();
    }
}
