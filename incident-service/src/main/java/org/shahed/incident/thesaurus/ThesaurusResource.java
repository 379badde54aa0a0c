package org.shahed.incident.thesaurus;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/thesauri")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Thesauri", description = "Controlled vocabularies with stable codes and labels in English and Arabic")
public class ThesaurusResource {
    private static final String CODE = "[a-z0-9][a-z0-9-]{0,99}";

    @Inject
    Thesauri thesauri;

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Names of the vocabularies")
    public Page<String> vocabularies() {
        return Page.whole(thesauri.vocabularies());
    }

    @GET
    @Path("{vocabulary}")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Terms of a vocabulary, by code")
    public Page<TermView> terms(
            @Parameter(description = "Vocabulary name", example = "incident-type") @PathParam("vocabulary") String vocabulary,
            @Parameter(description = "Include deactivated terms") @QueryParam("includeInactive") @DefaultValue("false") boolean includeInactive) {
        List<ThesaurusTerm> terms = thesauri.terms(vocabulary, includeInactive);
        if (terms.isEmpty() && !thesauri.vocabularies().contains(vocabulary)) {
            throw Problems.notFound("vocabulary '" + vocabulary + "'");
        }
        return Page.whole(terms.stream().map(TermView::of).toList());
    }

    @PUT
    @Path("{vocabulary}/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a term, or change its labels or deactivate it")
    public TermView put(
            @Parameter(description = "Vocabulary name", example = "weapon") @PathParam("vocabulary") @Pattern(regexp = CODE) String vocabulary,
            @Parameter(description = "Stable code of the term", example = "thermobaric-bomb") @PathParam("code") @Pattern(regexp = CODE) String code,
            @Valid TermInput input) {
        return TermView.of(thesauri.put(vocabulary, code, input));
    }
}
