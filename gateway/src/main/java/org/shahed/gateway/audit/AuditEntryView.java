package org.shahed.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One request through the gateway: who, what, when, with what result. */
@Schema(name = "AuditEntry")
public record AuditEntryView(
        long id,
        Instant at,
        String requestId,
        @Schema(description = "The token's subject, or api-key:<id> for a key; absent when the caller was not identified")
        String subject,
        UUID apiKeyId,
        List<String> roles,
        String clientIp,
        String method,
        String path,
        String query,
        @Schema(description = "The ids named in the path") List<UUID> resourceIds,
        @Schema(description = "The status answered, 499 when the client went away first; absent when the gateway stopped"
                + " before the request ended") Integer status,
        @Schema(description = "The service that answered; absent when the gateway answered itself") String backend,
        Integer durationMs,
        @Schema(description = "The request's trace id (W3C), as the services' logs and traces carry it") String traceId) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id, entry.at, entry.requestId, entry.subject, entry.apiKeyId,
                List.copyOf(entry.roles), entry.clientIp, entry.method, entry.path, entry.query,
                List.copyOf(entry.resourceIds), entry.status, entry.backend, entry.durationMs, entry.traceId);
    }
}
