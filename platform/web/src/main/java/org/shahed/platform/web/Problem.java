package org.shahed.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem details document, the body of every error response. {@code violations} names each
 * offending field of the request ({@code in}: body, query, path or header).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "The kind of problem, stable for scripts to branch on: " + TYPES_DOCUMENTED,
                example = "urn:shahed:problem:invalid-request") URI type,
        @Schema(description = "Short, human-readable summary of the problem type", example = "Bad Request") String title,
        @Schema(description = "HTTP status code", example = "400") int status,
        @Schema(description = "Explanation specific to this occurrence") String detail,
        @Schema(description = "The request path that caused the problem") URI instance,
        @Schema(description = "Offending fields, one entry per problem found") List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The documented kinds of problem, by status. */
    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(400, "invalid-request"), Map.entry(401, "unauthenticated"),
            Map.entry(403, "forbidden"), Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"), Map.entry(412, "precondition-failed"),
            Map.entry(413, "content-too-large"), Map.entry(415, "unsupported-media-type"),
            Map.entry(416, "range-not-satisfiable"), Map.entry(422, "unprocessable"),
            Map.entry(428, "precondition-required"), Map.entry(429, "rate-limited"),
            Map.entry(431, "headers-too-large"), Map.entry(500, "internal-error"),
            Map.entry(502, "bad-gateway"), Map.entry(503, "unavailable"),
            Map.entry(504, "gateway-timeout"));
    static final String TYPES_DOCUMENTED = "urn:shahed:problem: followed by invalid-request (400), unauthenticated "
            + "(401), forbidden (403), not-found (404), method-not-allowed (405), not-acceptable (406), conflict (409), "
            + "precondition-failed (412), content-too-large (413), unsupported-media-type (415), range-not-satisfiable "
            + "(416), unprocessable (422), precondition-required (428), rate-limited (429), headers-too-large (431), "
            + "internal-error (500), bad-gateway (502), unavailable (503), gateway-timeout (504)";

    /** Every problem carries its documented kind: {@code about:blank} is replaced by the kind of its status. */
    public Problem {
        if (type == null || "about:blank".equals(type.toString())) {
            type = typeOf(status);
        }
    }

    /** The documented type of a status, e.g. {@code urn:shahed:problem:not-found}. */
    public static URI typeOf(int status) {
        return URI.create("urn:shahed:problem:" + TYPES.getOrDefault(status, status >= 500 ? "internal-error" : "invalid-request"));
    }
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    /** One offending field: where it is, its name or path, and what is wrong with it. */
    public record Violation(
            @Schema(example = "body") String in,
            @Schema(example = "location.latitude") String field,
            @Schema(example = "must be between -90 and 90") String message) {
    }

    public static Problem of(Response.StatusType status, String detail, URI instance) {
        return new Problem(URI.create("about:blank"), status.getReasonPhrase(), status.getStatusCode(), detail,
                instance, List.of());
    }

    /** For statuses JAX-RS has no constant for, such as 422 Unprocessable Content. */
    public static Problem of(int status, String title, String detail) {
        return new Problem(URI.create("about:blank"), title, status, detail, null, List.of());
    }

    public Problem withViolations(List<Violation> found) {
        return new Problem(type, title, status, detail, instance, found);
    }

    public Problem withInstance(URI requestPath) {
        return new Problem(type, title, status, detail, requestPath, violations);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
