package org.shahed.platform.web;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

/** Client errors raised by a service's rules, each naming the offending field. */
public final class Problems {
    private Problems() {
    }

    /** 400 for one invalid field of the request body (a path such as {@code location.latitude}). */
    public static BadRequestException invalidField(String field, String message) {
        return invalid("body", field, message);
    }

    public static BadRequestException invalidParameter(String parameter, String message) {
        return invalid("query", parameter, message);
    }

    /** 400 for one invalid request header. */
    public static BadRequestException invalidHeader(String header, String message) {
        return invalid("header", header, message);
    }

    private static BadRequestException invalid(String in, String field, String message) {
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, field + ": " + message, null)
                .withViolations(List.of(new Problem.Violation(in, field, message)));
        return new BadRequestException(problem.toResponse());
    }

    public static NotFoundException notFound(String what) {
        return new NotFoundException(Problem.of(Response.Status.NOT_FOUND, what + " was not found", null).toResponse());
    }

    /** 403 for a caller whose role does not allow this step in the resource's current state. */
    public static ForbiddenException forbidden(String detail) {
        return new ForbiddenException(Problem.of(Response.Status.FORBIDDEN, detail, null).toResponse());
    }

    /** 403 for a query parameter the caller's role may not use, naming it. */
    public static ForbiddenException forbiddenParameter(String parameter, String message) {
        Problem problem = Problem.of(Response.Status.FORBIDDEN, parameter + ": " + message, null)
                .withViolations(List.of(new Problem.Violation("query", parameter, message)));
        return new ForbiddenException(problem.toResponse());
    }

    /** 409: the request is valid but conflicts with the resource's state (e.g. a workflow step out of order). */
    public static ClientErrorException conflict(String detail) {
        return new ClientErrorException(Problem.of(Response.Status.CONFLICT, detail, null).toResponse());
    }
}
