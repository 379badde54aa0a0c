package org.shahed.gateway.dossier;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/dossier-signing-keys")
@Tag(name = "Dossiers")
public class SigningKeyResource {
    @Inject
    DossierSigning signing;

    @GET
    @Produces("application/jwk-set+json")
    @RolesAllowed({ Roles.PARTNER, Roles.INGEST, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "The public keys that verify dossier packets, as a JWKS (the current key first)",
            description = "Each key's `kid` is its RFC 7638 thumbprint, which `shahed verify` prints: compare it with the one"
                    + " the organisation publishes elsewhere (its website, a letter to the court) rather than trusting a"
                    + " key found inside a packet.")
    public Response keys() {
        return Response.ok(signing.keySet()).header("Cache-Control", "public, max-age=300").build();
    }
}
