package org.shahed.gateway.apikeys;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new API key: whose it is, what it may do, until when and from where. */
@Schema(name = "ApiKeyInput")
public record ApiKeyInput(
        @Schema(description = "What the key is for", example = "OHCHR Syria team: nightly casualty sync")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The organisation holding the key", example = "OHCHR")
        @NotBlank @Size(max = 200) String organisation,
        @Schema(description = "Roles the key acts with: partner (read published data) and/or ingest (scripts that"
                + " create and import records). People sign in with their own accounts instead.",
                example = "[\"partner\"]")
        @NotEmpty @Size(max = 2) List<@NotNull @Pattern(regexp = "partner|ingest",
                message = "keys carry the roles partner or ingest") String> roles,
        @Schema(description = "When the key stops working (UTC); none means until revoked", example = "2027-06-30T00:00:00Z")
        @Future Instant expiresAt,
        @Schema(description = "Client addresses or CIDR ranges the key may be used from; none means anywhere",
                example = "[\"203.0.113.0/24\", \"2001:db8::/32\"]")
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> ipRanges,
        @Schema(description = "A rate limit of this key instead of its role's") @Valid RateLimitInput rateLimit) {
}
