package org.shahed.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.shahed.platform.web.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
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
 * The gateway's way into the API: every {@code /api/v1/...} request is checked (a path that is plain, a valid bearer
 * token with one of the roles) and streamed to the service that owns it, bodies never buffered, headers such as
 * {@code Location}, {@code ETag}, {@code Range}, {@code Idempotency-Key} passed as they are. The services check the
 * token again. A service that is down or silent is answered with a problem naming it (502/504), never a hang.
 */
@ApplicationScoped
public class ApiProxy {
    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final String REQUEST_ID = "X-Request-Id";
    private static final Set<String> ROLES = Set.of("partner", "ingest", "analyst", "reviewer", "admin");
    /** Encoded slashes, backslashes and dots, dot segments, empty segments: ways to reach what is not routed. */
    private static final Pattern PATH_TRICKS = Pattern.compile("(?i)%2f|%5c|%2e|\\\\|/\\.{1,2}(/|$)|//");

    @Inject
    GatewayConfig config;
    @Inject
    JWTParser jwtParser;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;

    private Routes routes;
    private HttpClient client;

    void install(@Observes Router router) {
        routes = new Routes(config);
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxPoolSize(100));
        router.route("/api/*").order(-100).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String rawPath = request.uri().split("\\?", 2)[0];
        if (PATH_TRICKS.matcher(rawPath).find()) {
            problem(request, 400, "Bad Request", "the path may not contain encoded slashes or dots, '..' or '//'",
                    new Problem.Violation("path", "path", "not a plain path"));
            return;
        }
        Optional<Routes.Backend> backend = rawPath.startsWith("/api/v1/") ? routes.backendOf(rawPath) : Optional.empty();
        if (backend.isEmpty()) {
            problem(request, 404, "Not Found", "no API at " + rawPath, null);
            return;
        }
        String declaredLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = routes.bodyLimitOf(rawPath);
        if (declaredLength != null && declaredLength.matches("\\d{1,19}") && Long.parseLong(declaredLength) > limit) {
            problem(request, 413, "Content Too Large", "at most " + limit + " bytes may be sent to " + rawPath,
                    new Problem.Violation("header", "Content-Length", "above " + limit));
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(request);
            return;
        }
        request.pause();
        vertx.executeBlocking(() -> jwtParser.parse(authorization.substring(7).trim()), false)
                .onComplete(verified -> {
                    if (verified.failed()) {
                        request.resume();
                        unauthorized(request);
                    } else if (!hasRole(verified.result())) {
                        request.resume();
                        problem(request, 403, "Forbidden", "the token carries none of the roles", null);
                    } else {
                        forward(request, backend.get());
                    }
                });
    }

    private void forward(HttpServerRequest request, Routes.Backend backend) {
        if (request.getHeader(REQUEST_ID) == null) {
            request.headers().set(REQUEST_ID, UUID.randomUUID().toString());
        }
        URI uri = backend.uri();
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(uri.getPort() < 0 ? 80 : uri.getPort(), uri.getHost())
                .addInterceptor(new ProblemWhenUnreachable(backend.name(), request.getHeader(REQUEST_ID)));
        proxy.handle(request);
    }

    private static boolean hasRole(JsonWebToken token) {
        return token.getGroups() != null && token.getGroups().stream().anyMatch(ROLES::contains);
    }

    private void unauthorized(HttpServerRequest request) {
        request.response().putHeader("WWW-Authenticate", "Bearer");
        problem(request, 401, "Unauthorized", "a valid bearer token is required", null);
    }

    private void problem(HttpServerRequest request, int status, String title, String detail, Problem.Violation violation) {
        Problem problem = new Problem(URI.create("about:blank"), title, status, detail,
                URI.create(request.path().replace(" ", "%20")), violation == null ? List.of() : List.of(violation));
        request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(write(problem));
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Turns a backend that cannot be reached, or answers too late, into a problem naming it. */
    private final class ProblemWhenUnreachable implements ProxyInterceptor {
        private final String backend;
        private final String requestId;

        ProblemWhenUnreachable(String backend, String requestId) {
            this.backend = backend;
            this.requestId = requestId;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            context.request().headers().set(REQUEST_ID, requestId);
            return context.sendRequest().recover(failure -> {
                boolean timeout = failure instanceof java.util.concurrent.TimeoutException
                        || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
                int status = timeout ? 504 : 502;
                LOG.warnf("%s unreachable for %s: %s", backend, context.request().getURI(), failure.toString());
                Problem problem = new Problem(URI.create("about:blank"), timeout ? "Gateway Timeout" : "Bad Gateway",
                        status, backend + (timeout ? " did not answer in time" : " is unavailable"), null, List.of());
                ProxyResponse response = context.request().response().setStatusCode(status)
                        .setStatusMessage(problem.title())
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .setBody(Body.body(Buffer.buffer(write(problem))));
                return Future.succeededFuture(response);
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            context.response().putHeader(REQUEST_ID, requestId);
            return context.sendResponse();
        }
    }
}
