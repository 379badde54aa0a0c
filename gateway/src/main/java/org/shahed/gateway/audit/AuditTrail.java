package org.shahed.gateway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.shahed.gateway.access.ApiCaller;
import org.shahed.gateway.access.ClientAddresses;
import org.shahed.gateway.routing.GatewayConfig;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Follows each API request to its end and hands what happened to the {@link AuditLog}: who (token subject or API
 * key), what (method, path, query, the ids in the path), when, who answered, and how it ended. The entry is
 * written before the request is answered: the gateway holds an answer until {@link #recorded} completes, and
 * passes a write on to a service only after it. Refused requests are recorded too: they are what an investigation
 * of abuse looks for.
 */
@ApplicationScoped
public class AuditTrail {
    private static final String CALLER = "shahed.caller";
    private static final String BACKEND = "shahed.backend";
    private static final String RECORD = "shahed.audit";
    private static final Pattern UUID_IN_PATH = Pattern.compile(
            "(?i)(?<=/)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=/|$)");

    /** The record of one request: when it started, and the id its entry was given once written. */
    private static final class Record {
        final Instant at = Instant.now();
        final long started = System.nanoTime();
        Promise<Long> entryId;
        Future<Void> durable;
    }

    @Inject
    AuditLog auditLog;
    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;
    @Inject
    ClientAddresses clientAddresses;

    /**
     * Takes the request's place in the audit log and records how it ends; false (and nothing recorded) when the
     * audit log cannot take it, and the request must then be refused.
     */
    public boolean follow(RoutingContext context) {
        if (!auditLog.reserve()) {
            return false;
        }
        Record record = new Record();
        context.put(RECORD, record);
        HttpServerRequest request = context.request();
        context.addEndHandler(ended -> {
            int status = status(request);
            int durationMs = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - record.started) / 1_000_000);
            // A request that ended before its entry was begun (its client went away during authentication) is
            // recorded all the same.
            begin(context, record);
            record.entryId.future().onSuccess(id -> auditLog.finish(new AuditLog.Outcome(id, record.at, status, durationMs)));
        });
        return true;
    }

    /**
     * Completes once the request's entry (who, what, when, who answers) is durable, beginning it if it was not
     * begun yet; fails if that takes longer than {@code shahed.gateway.audit.max-wait} (the request must then be
     * answered 503: it cannot be recorded). Call it once the caller and the backend are known.
     */
    public Future<Void> recorded(RoutingContext context) {
        Record record = context.get(RECORD);
        begin(context, record);
        return record.durable;
    }

    private void begin(RoutingContext context, Record record) {
        if (record.entryId != null) {
            return;
        }
        HttpServerRequest request = context.request();
        ApiCaller caller = context.get(CALLER);
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        AuditLog.Entry entry = new AuditLog.Entry(record.at, request.getHeader("X-Request-Id"),
                caller == null ? null : caller.subject(), caller == null ? null : caller.apiKeyId(),
                caller == null ? List.of() : caller.roles().stream().sorted().toList(),
                clientAddresses.of(request),
                request.method().name(), truncate(path, 2000), question < 0 ? null : truncate(uri.substring(question + 1), 2000),
                idsIn(path), context.get(BACKEND), traceId());
        Context requestContext = vertx.getOrCreateContext();
        Promise<Long> entryId = Promise.promise();
        record.entryId = entryId;
        // The writer's thread hands the id back to the request's own event loop.
        auditLog.record(entry, id -> requestContext.runOnContext(ignored -> entryId.complete(id)));
        record.durable = entryId.future().<Void>mapEmpty()
                .timeout(config.audit().maxWait().toMillis(), TimeUnit.MILLISECONDS)
                .onFailure(late -> auditLog.refusedBecauseBehind());
    }

    /** The id of the request's trace (the span the HTTP server began for it), or null. */
    private static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
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
