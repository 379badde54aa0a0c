package org.shahed.gateway.routing;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.shahed.gateway.access.AccessRefused;
import org.shahed.gateway.access.ApiCaller;
import org.shahed.gateway.access.Authenticator;
import org.shahed.gateway.audit.AuditTrail;
import org.shahed.gateway.ratelimit.RateLimiter;
import org.shahed.platform.web.Problem;
import org.shahed.platform.web.RequestIdLogging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The gateway's way into the API. Every {@code /api/v1/...} request is checked (a plain path, a body within its
 * route's limit, a bearer token or API key with one of the roles, the caller's rate limit), recorded in the audit
 * log, and then answered by the gateway's own resources or streamed to the service that owns it: bodies never
 * buffered, headers such as {@code Location}, {@code ETag}, {@code Range}, {@code Idempotency-Key} passed as they
 * are, an API key replaced by a short-lived token (the services check every token again). Connecting is retried for
 * safe methods; a backend that keeps failing gets an open circuit (503 at once); one that is down or silent is
 * answered with a problem naming it (502/503/504), never a hang.
 */
@ApplicationScoped
public class ApiProxy {
    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    static final String REQUEST_ID = "X-Request-Id";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Encoded slashes, backslashes and dots, dot segments, empty segments: ways to reach what is not routed. */
    private static final Pattern PATH_TRICKS = Pattern.compile("(?i)%2f|%5c|%2e|\\\\|/\\.{1,2}(/|$)|//");

    @Inject
    GatewayConfig config;
    @Inject
    Authenticator authenticator;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    AuditTrail auditTrail;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;
    @Inject
    BackendCircuits circuits;

    private Routes routes;
    private final Map<String, HttpProxy> proxies = new HashMap<>();
    /** Reads passed on before their audit entry was durable: each answer waits for its entry. */
    private final Map<HttpServerRequest, Future<Void>> awaitingRecord = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        routes = new Routes(config);
        // A connection with no traffic either way for twice the idle timeout is closed (a stalled upload); a request
        // fully sent and not answered within the idle timeout fails first, as a timeout (504).
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().multipliedBy(2).toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxPoolSize(100));
        for (var entry : config.services().entrySet()) {
            String service = entry.getKey();
            URI uri = entry.getValue().url();
            SocketAddress address = SocketAddress.inetSocketAddress(uri.getPort() < 0 ? 80 : uri.getPort(), uri.getHost());
            proxies.put(service, HttpProxy.reverseProxy(client)
                    .origin(context -> connect(context.client(), address,
                            SAFE.contains(context.request().getMethod()) ? config.resilience().connectRetries() : 0)
                            .onSuccess(backendRequest -> awaitAnswerOnceSent(context.request().proxiedRequest(), backendRequest)))
                    .addInterceptor(new GuardedBackend(service, circuits.of(service))));
        }
        router.route("/api/*").order(-100).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!RequestIdLogging.accepts(request.getHeader(REQUEST_ID))) {
            // A caller's id goes into logs and the audit log: one that could forge a log line is replaced.
            request.headers().set(REQUEST_ID, UUID.randomUUID().toString());
        }
        // What the gateway logs about this request carries its id (the request's own context holds it).
        MDC.put(RequestIdLogging.KEY, request.getHeader(REQUEST_ID));
        if (!auditTrail.follow(context)) {
            // Better refused than served unrecorded: the audit log is behind (its database down, or a flood).
            unrecorded(request);
            return;
        }
        long headerSize = headerSize(request);
        long headerLimit = config.maxHeaderSize().asLongValue();
        if (headerSize > headerLimit) {
            problem(context, 431, "Request Header Fields Too Large", "the request's headers take " + headerSize
                    + " bytes; at most " + headerLimit + " are accepted",
                    new Problem.Violation("header", "headers", "above " + headerLimit + " bytes"));
            return;
        }
        String rawPath = request.uri().split("\\?", 2)[0];
        if (PATH_TRICKS.matcher(rawPath).find()) {
            problem(context, 400, "Bad Request", "the path may not contain encoded slashes or dots, '..' or '//'",
                    new Problem.Violation("path", "path", "not a plain path"));
            return;
        }
        Optional<Routes.Target> target = rawPath.startsWith("/api/v1/") ? routes.targetOf(rawPath) : Optional.empty();
        if (target.isEmpty()) {
            problem(context, 404, "Not Found", "no API at " + rawPath, null);
            return;
        }
        String declaredLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = routes.bodyLimitOf(rawPath);
        if (declaredLength != null && declaredLength.matches("\\d{1,19}") && Long.parseLong(declaredLength) > limit) {
            problem(context, 413, "Content Too Large", "at most " + limit + " bytes may be sent to " + rawPath,
                    new Problem.Violation("header", "Content-Length", "above " + limit));
            return;
        }
        Future<ApiCaller> authenticated = authenticator.authenticate(request);
        if (authenticated.isComplete()) {
            // Credentials checked lately: go on at once, without pausing the request (that costs system calls).
            pass(context, target.get(), authenticated);
        } else {
            // Paused until the check is done; the proxy (or the gateway's own resource) resumes it as it reads.
            request.pause();
            authenticated.onComplete(done -> pass(context, target.get(), done));
        }
    }

    /** The size of the header section as sent: each line is name, ": ", value and CRLF. */
    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    /** With the caller known (or refused): rate limit, then the gateway's own resource or the owning service. */
    private void pass(RoutingContext context, Routes.Target target, AsyncResult<ApiCaller> authenticated) {
        HttpServerRequest request = context.request();
        if (authenticated.failed()) {
            request.resume();
            refuse(context, authenticated.cause());
            return;
        }
        ApiCaller caller = authenticated.result();
        AuditTrail.identify(context, caller);
        context.put(ApiCaller.class.getName(), caller); // for the gateway's own resources (GET /api/v1/me)
        Future<RateLimiter.Decision> decided = rateLimiter.take(caller);
        if (decided.isComplete()) {
            limited(context, target, caller, decided);
        } else {
            request.pause(); // the body waits for the decision
            decided.onComplete(done -> limited(context, target, caller, done));
        }
    }

    /** With the caller's rate limit decided: refused, or on to the gateway's own resource or the owning service. */
    private void limited(RoutingContext context, Routes.Target target, ApiCaller caller,
            AsyncResult<RateLimiter.Decision> decided) {
        HttpServerRequest request = context.request();
        if (decided.failed()) {
            request.resume();
            LOG.error("could not check a request's rate limit", decided.cause());
            problem(context, 503, "Service Unavailable", "the rate limit cannot be checked right now", null);
            return;
        }
        RateLimiter.Decision decision = decided.result();
        HttpServerResponse response = request.response();
        response.putHeader("RateLimit-Limit", Long.toString(decision.limit()))
                .putHeader("RateLimit-Remaining", Long.toString(decision.remaining()))
                .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            request.resume();
            response.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            problem(context, 429, "Too Many Requests", "the rate limit of " + decision.limit()
                    + " requests is used up; retry in " + decision.retryAfterSeconds() + " s", null);
            return;
        }
        // The services only ever see a token: an API key is replaced by the token it was exchanged for.
        request.headers().remove(Authenticator.API_KEY_HEADER);
        request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + caller.bearerToken());
        if (target.isGateway()) {
            whenRecorded(context, context::next);
            return;
        }
        AuditTrail.backend(context, target.name());
        HttpProxy proxy = proxies.get(target.name());
        if (SAFE.contains(request.method())) {
            // A read is passed on while its entry is written; its answer waits for the entry (handleProxyResponse).
            Future<Void> recorded = auditTrail.recorded(context);
            awaitingRecord.put(request, recorded);
            context.addEndHandler(ended -> awaitingRecord.remove(request));
            proxy.handle(request);
        } else {
            // A write reaches the service only once it is on record.
            whenRecorded(context, () -> proxy.handle(request));
        }
    }

    /** Goes on once the request's audit entry is durable; answers 503 if it cannot be written in time. */
    private void whenRecorded(RoutingContext context, Runnable then) {
        Future<Void> recorded = auditTrail.recorded(context);
        if (recorded.succeeded()) {
            then.run();
            return;
        }
        HttpServerRequest request = context.request();
        request.pause(); // the body waits too
        recorded.onComplete(done -> {
            if (done.succeeded()) {
                then.run();
            } else {
                request.resume();
                unrecorded(request);
            }
        });
    }

    /** The answer to a request that cannot be recorded: it is refused rather than served unrecorded. */
    private void unrecorded(HttpServerRequest request) {
        request.response().putHeader("Retry-After", "5");
        answer(request, unrecordedProblem(request.path()));
    }

    private static Problem unrecordedProblem(String path) {
        return problemAt(path, 503, "Service Unavailable",
                "requests cannot be recorded in the audit log right now; retry shortly", null);
    }

    private static Problem problemAt(String path, int status, String title, String detail, Problem.Violation violation) {
        return new Problem(URI.create("about:blank"), title, status, detail,
                path == null ? null : URI.create(path.replace(" ", "%20")), violation == null ? List.of() : List.of(violation));
    }

    private void answer(HttpServerRequest request, Problem problem) {
        request.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(REQUEST_ID, request.getHeader(REQUEST_ID)).end(write(problem));
    }

    /** Connects to a backend; for safe methods a failed connection is tried again (nothing has been sent yet). */
    private Future<HttpClientRequest> connect(HttpClient client, SocketAddress address, int retriesLeft) {
        return client.request(new RequestOptions().setServer(address)).recover(failure -> {
            if (retriesLeft <= 0) {
                return Future.failedFuture(failure);
            }
            Promise<HttpClientRequest> retried = Promise.promise();
            vertx.setTimer(100, timer -> connect(client, address, retriesLeft - 1).onComplete(retried));
            return retried.future();
        });
    }

    /**
     * The backend's silence is timed from the end of the client's body, not before: a multi-GB upload may take
     * longer than the idle timeout, and the service answers only once it has all of it.
     */
    private void awaitAnswerOnceSent(HttpServerRequest incoming, HttpClientRequest backendRequest) {
        incoming.end().onSuccess(sent -> backendRequest.idleTimeout(config.idleTimeout().toMillis()));
    }

    private void refuse(RoutingContext context, Throwable failure) {
        HttpServerRequest request = context.request();
        if (failure instanceof AccessRefused refused) {
            if (refused.status() == 401) {
                request.response().putHeader("WWW-Authenticate", "Bearer");
            }
            if (refused.retryAfterSeconds() > 0) {
                request.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            }
            problem(context, refused.status(), refused.title(), refused.getMessage(), null);
        } else {
            LOG.error("could not check a request's credentials", failure);
            problem(context, 503, "Service Unavailable", "credentials cannot be checked right now", null);
        }
    }

    /** The gateway's own refusal, sent once the request's audit entry is durable. */
    private void problem(RoutingContext context, int status, String title, String detail, Problem.Violation violation) {
        HttpServerRequest request = context.request();
        Problem problem = problemAt(request.path(), status, title, detail, violation);
        auditTrail.recorded(context).onComplete(recorded -> {
            if (recorded.failed()) {
                unrecorded(request);
            } else {
                answer(request, problem);
            }
        });
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A backend behind its circuit breaker. What the backend did counts: an answer below 500 is a success; a 5xx
     * answer, a failed connection or no answer in time is a failure, answered with a problem naming it. A client
     * that goes away first counts for nothing: its backend request is reset by the proxy and forgotten quietly.
     * While the circuit is open, requests are answered 503 at once (counted in the metrics, not logged).
     */
    private final class GuardedBackend implements ProxyInterceptor {
        private final String backend;
        private final CircuitBreaker breaker;

        GuardedBackend(String backend, CircuitBreaker breaker) {
            this.backend = backend;
            this.breaker = breaker;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            if (!breaker.tryAcquirePermission()) {
                context.request().release(); // the body, if any, is read and dropped
                return Future.succeededFuture(problemResponse(context, 503, "Service Unavailable",
                        backend + " is failing; requests to it are paused for a moment"));
            }
            LimitedBody limited = limitUndeclaredBody(context);
            long started = System.nanoTime();
            HttpServerRequest incoming = context.request().proxiedRequest();
            String length = incoming.getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean bodiless = incoming.getHeader(HttpHeaders.TRANSFER_ENCODING) == null && (length == null || "0".equals(length));
            return send(context, SAFE.contains(context.request().getMethod()) && bodiless).transform(sent -> {
                long took = System.nanoTime() - started;
                if (sent.succeeded()) {
                    int status = sent.result().getStatusCode();
                    if (status >= 500) {
                        breaker.onError(took, TimeUnit.NANOSECONDS, new BackendFailure(backend + " answered " + status));
                    } else {
                        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    }
                    return Future.succeededFuture(sent.result());
                }
                Throwable failure = sent.cause();
                if (limited != null && limited.exceeded()) {
                    breaker.releasePermission();
                    long limit = routes.bodyLimitOf(context.request().proxiedRequest().path());
                    return Future.succeededFuture(problemResponse(context, 413, "Content Too Large",
                            "at most " + limit + " bytes may be sent to " + context.request().proxiedRequest().path())
                            .putHeader(HttpHeaders.CONNECTION, "close"));
                }
                if (context.request().proxiedRequest().response().closed()) {
                    breaker.releasePermission();
                    LOG.debugf("client went away before %s answered %s", backend, context.request().getURI());
                    return Future.failedFuture(failure);
                }
                breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                boolean timeout = failure instanceof TimeoutException
                        || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
                String detail = backend + (timeout ? " did not answer in time" : " is unavailable");
                LOG.warnf("%s for %s: %s", detail, context.request().getURI(), failure.toString());
                return Future.succeededFuture(timeout
                        ? problemResponse(context, 504, "Gateway Timeout", detail)
                        : problemResponse(context, 502, "Bad Gateway", detail));
            });
        }

        /**
         * Sends the request to the backend. A read whose connection was closed under it before any answer (a pooled
         * connection the other side was closing) is sent once more on another: it has no body and no effect, and the
         * client should not pay for a connection it never chose.
         */
        private Future<ProxyResponse> send(ProxyContext context, boolean mayRepeat) {
            return context.sendRequest().recover(failure -> {
                boolean closedUnderIt = failure instanceof HttpClosedException
                        || String.valueOf(failure.getMessage()).toLowerCase().contains("connection was closed");
                if (!mayRepeat || !closedUnderIt || context.request().proxiedRequest().response().closed()) {
                    return Future.failedFuture(failure);
                }
                LOG.debugf("%s closed the connection under %s; sent again", backend, context.request().getURI());
                // The client's (empty) body was read by the first attempt: the second one sends none.
                context.request().setBody(Body.body(Buffer.buffer()));
                return context.sendRequest();
            });
        }

        /**
         * A body sent without a declared length (chunked) is counted as it streams: past its route's limit it is
         * cut (a declared length above the limit was refused before). Null when the length was declared.
         */
        private LimitedBody limitUndeclaredBody(ProxyContext context) {
            Body body = context.request().getBody();
            if (body == null || body.length() >= 0
                    || context.request().proxiedRequest().getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
                return null;
            }
            LimitedBody limited = new LimitedBody(body.stream(), routes.bodyLimitOf(context.request().proxiedRequest().path()));
            context.request().setBody(Body.body(limited, -1));
            return limited;
        }

        private ProxyResponse problemResponse(ProxyContext context, int status, String title, String detail) {
            Problem problem = problemAt(null, status, title, detail, null);
            ProxyResponse response = context.request().response().setStatusCode(status).setStatusMessage(title)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .setBody(Body.body(Buffer.buffer(write(problem))));
            if (status == 503) {
                response.putHeader("Retry-After", Long.toString(circuits.retryAfterSeconds()));
            }
            return response;
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            context.response().putHeader(REQUEST_ID, incoming.getHeader(REQUEST_ID));
            if (context.response().headers().contains(HttpHeaders.CACHE_CONTROL)) {
                // A service's own caching rule (published data may be cached briefly) replaces the default no-store.
                incoming.response().headers().remove(HttpHeaders.CACHE_CONTROL);
            }
            String location = context.response().headers().get(HttpHeaders.LOCATION);
            if (location != null) {
                context.response().putHeader(HttpHeaders.LOCATION, publicLink(incoming, location));
            }
            Future<Void> recorded = awaitingRecord.remove(incoming);
            if (recorded == null) {
                return context.sendResponse(); // a write: recorded before it was passed on
            }
            return recorded.transform(done -> {
                if (done.failed()) {
                    // The answer is not given unrecorded: it is dropped for a 503.
                    ProxyResponse response = context.response();
                    response.release();
                    response.headers().clear();
                    response.setStatusCode(503).setStatusMessage("Service Unavailable")
                            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).putHeader("Retry-After", "5")
                            .putHeader(REQUEST_ID, incoming.getHeader(REQUEST_ID))
                            .setBody(Body.body(Buffer.buffer(write(unrecordedProblem(incoming.path())))));
                }
                return context.sendResponse();
            });
        }
    }

    /**
     * A link a service answered with, as clients must follow it: through the gateway. A service knows only its own
     * address, so an absolute link to the API is moved onto the gateway's public base (or the base the client
     * called); anything else is left as it is.
     */
    String publicLink(HttpServerRequest incoming, String link) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            return link;
        }
        if (!uri.isAbsolute() || uri.getRawPath() == null || !uri.getRawPath().startsWith("/api/")) {
            return link;
        }
        String base = config.publicUrl().map(URI::toString).orElseGet(() -> {
            URI called = URI.create(incoming.absoluteURI());
            return called.getScheme() + "://" + called.getRawAuthority();
        });
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** A backend's 5xx answer, as the circuit breaker records it. */
    private static final class BackendFailure extends RuntimeException {
        BackendFailure(String message) {
            super(message, null, false, false);
        }
    }
}
