package org.shahed.platform.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

/**
 * Turns every exception that reaches the REST layer into RFC 9457 problem details: the client's mistakes into a
 * 4xx naming the offending field, and anything else into a 500 that reveals nothing internal.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        if (original.getStatus() >= 500) {
            LOG.error("Request failed", e);
        }
        Problem problem = original.getEntity() instanceof Problem raised
                ? raised.withInstance(instance(uri))
                : Problem.of(original.getStatusInfo(), clientSafeDetail(e, original.getStatus()), instance(uri));
        Response.ResponseBuilder response = Response.status(original.getStatus()).type(Problem.MEDIA).entity(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(ProblemMappers::toViolation)
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
        return Problem.of(Status.BAD_REQUEST, detail, instance(uri)).withViolations(violations).toResponse();
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = JsonPaths.of(e);
        return badBody("unknown field '" + field + "'", field, "unknown field", uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = JsonPaths.of(e);
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        return badBody("field '" + field + "' has an invalid value (expected " + expected + ")", field,
                "invalid value", uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = JsonPaths.of(e);
        if (field.isEmpty()) {
            return Problem.of(Status.BAD_REQUEST, "the request body is not the expected JSON document", instance(uri))
                    .toResponse();
        }
        return badBody("field '" + field + "' has the wrong type or shape", field, "wrong type", uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        String field = JsonPaths.of(e);
        String reason = e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null
                ? cause.getMessage() : "invalid value";
        return field.isEmpty()
                ? Problem.of(Status.BAD_REQUEST, reason, instance(uri)).toResponse()
                : badBody("field '" + field + "': " + reason, field, reason, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of(Status.BAD_REQUEST, "the request body is not well-formed JSON" + where, instance(uri))
                .toResponse();
    }

    /** No operation here takes a body of the type sent: say which types the API's bodies are. */
    @ServerExceptionMapper
    public Response unsupportedType(NotSupportedException e, UriInfo uri, HttpHeaders headers) {
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return Problem.of(Status.UNSUPPORTED_MEDIA_TYPE, (sent == null ? "a body without Content-Type" : sent)
                + " is not accepted here; " + ACCEPTED_BODIES, instance(uri))
                .withViolations(List.of(new Problem.Violation("header", HttpHeaders.CONTENT_TYPE, ACCEPTED_BODIES)))
                .toResponse();
    }

    static final String ACCEPTED_BODIES = "JSON bodies are application/json, JSON merge patches "
            + "application/merge-patch+json; files and imports take the types their operation lists in the OpenAPI document";

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED,
                "a valid bearer token is required", instance(uri)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Status.FORBIDDEN, "your role does not allow this request", instance(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged",
                instance(uri)).toResponse();
    }

    private static Response badBody(String detail, String field, String message, UriInfo uri) {
        return Problem.of(Status.BAD_REQUEST, detail, instance(uri))
                .withViolations(List.of(new Problem.Violation("body", field, message)))
                .toResponse();
    }

    /** A WebApplicationException's own message is shown only when written for the client (4xx). */
    private static String clientSafeDetail(WebApplicationException e, int status) {
        String message = e.getMessage();
        boolean generic = message == null || message.startsWith("HTTP ");
        return status < 500 && !generic ? message : null;
    }

    private static Problem.Violation toViolation(ConstraintViolation<?> violation) {
        String in = "body";
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                // A parameter carrying @QueryParam/@PathParam is named by its own name; a body's name is dropped.
                in = "parameter";
                field.append(node.getName());
                continue;
            }
            if (in.equals("parameter") && field.length() > 0 && node.getKind() == ElementKind.PROPERTY) {
                // The node after the body parameter: restart the path at the body's own fields.
                in = "body";
                field.setLength(0);
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (field.length() > 0 && field.charAt(field.length() - 1) != '[') {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return new Problem.Violation(in, field.toString(), violation.getMessage());
    }

    private static URI instance(UriInfo uri) {
        return URI.create(uri.getRequestUri().getRawPath());
    }
}
