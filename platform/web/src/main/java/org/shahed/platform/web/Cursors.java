package org.shahed.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;

/**
 * Opaque cursors for keyset pagination and change feeds: the position (a few strings) in URL-safe Base64, with
 * a kind prefix so that a cursor of one list is not accepted by another. A cursor a client made up or damaged
 * is a 400 naming the parameter, never a 500.
 */
public final class Cursors {
    private static final char SEPARATOR = '\u001f';

    private Cursors() {
    }

    public static String encode(String kind, String... position) {
        String raw = kind + SEPARATOR + String.join(String.valueOf(SEPARATOR), position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position inside {@code cursor}, which must be of {@code kind} and hold {@code parts} values. */
    public static List<String> decode(String kind, String cursor, int parts, String parameter) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = List.of(raw.split(String.valueOf(SEPARATOR), -1));
            if (values.size() == parts + 1 && values.get(0).equals(kind)) {
                return values.subList(1, values.size());
            }
        } catch (IllegalArgumentException e) {
            // not Base64: reported below like any other foreign cursor
        }
        throw invalid(parameter);
    }

    /** A single numeric position (a feed position) inside {@code cursor}; 0, the beginning, when absent. */
    public static long decodePosition(String kind, String cursor, String parameter) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Long.parseLong(decode(kind, cursor, 1, parameter).get(0));
        } catch (NumberFormatException e) {
            throw invalid(parameter);
        }
    }

    public static BadRequestException invalid(String parameter) {
        Problem problem = Problem.of(Response.Status.BAD_REQUEST,
                "'" + parameter + "' is not a cursor returned by this list", null)
                .withViolations(List.of(new Problem.Violation("query", parameter, "invalid cursor")));
        return new BadRequestException(problem.toResponse());
    }
}
