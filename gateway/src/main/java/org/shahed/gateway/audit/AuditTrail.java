package org.shahed.gateway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.shahed.gateway.access.ApiCaller;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Follows each API request to its end and hands what happened to the {@link AuditLog}: who (token subject or API
 * key), what (method, path, query, the ids in the path), when, the result and who answered. Refused requests are
 * recorded too: they are what an investigation of abuse looks for.
 */
@ApplicationScoped
public class AuditTrail {
    private static final String CALLER = "shahed.caller";
    private static final String BACKEND = "shahed.backend";
    private static final Pattern UUID_IN_PATH = Pattern.compile(
            "(?i)(?<=/)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=/|$)");

    @Inject
    AuditLog auditLog;

    /**
     * Records the request when it ends; false (and nothing recorded) when the audit log cannot take it, and the
     * request must then be refused.
     */
    public boolean follow(RoutingContext context) {
        if (!auditLog.reserve()) {
            return false;
        }
        Instant at = Instant.now();
        long started = System.nanoTime();
        HttpServerRequest request = context.request();
        context.addEndHandler(ended -> {
            ApiCaller caller = context.get(CALLER);
            String uri = request.uri();
            int question = uri.indexOf('?');
            String path = question < 0 ? uri : uri.substring(0, question);
            auditLog.record(new AuditLog.Entry(at, request.getHeader("X-Request-Id"),
                    caller == null ? null : caller.subject(), caller == null ? null : caller.apiKeyId(),
                    caller == null ? List.of() : caller.roles().stream().sorted().toList(),
                    request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                    request.method().name(), truncate(path, 2000), question < 0 ? null : truncate(uri.substring(question + 1), 2000),
                    idsIn(path), status(request), context.get(BACKEND),
                    (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000)));
        });
        return true;
    }

    /** The answer's status, or 499 (as nginx records it) when the client closed the connection before the end. */
    private static int status(HttpServerRequest request) {
        return request.response().ended() ? request.response().getStatusCode() : 499;
    }

    public static void identify(RoutingContext context, ApiCaller caller) {
        context.put(CALLER, caller);
    }

    public static void backend(RoutingContext context, String backend) {
        context.put(BACKEND, backend);
    }

    static List<UUID> idsIn(String path) {
        List<UUID> ids = new ArrayList<>();
        Matcher matcher = UUID_IN_PATH.matcher(path);
        while (matcher.find() && ids.size() < 10) {
            ids.add(UUID.fromString(matcher.group()));
        }
        return ids;
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
