package org.shahed.platform.web;

import java.net.URI;
import java.util.List;

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
        @Schema(description = "URI reference identifying the problem type", example = "about:blank") URI type,
        @Schema(description = "Short, human-readable summary of the problem type", example = "Bad Request") String title,
        @Schema(description = "HTTP status code", example = "400") int status,
        @Schema(description = "Explanation specific to this occurrence") String detail,
        @Schema(description = "The request path that caused the problem") URI instance,
        @Schema(description = "Offending fields, one entry per problem found") List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
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
