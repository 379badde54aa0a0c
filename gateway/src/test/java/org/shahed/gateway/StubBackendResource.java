package org.shahed.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.shahed.infra.FreePorts;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for the services behind the gateway: an HTTP server that answers what it received (method, URI,
 * headers, how many body bytes), so tests see exactly what the gateway forwarded. incident-service and
 * media-service point to it; casualty-service points to a port nothing listens on. A path with {@code /silent}
 * is never answered (the gateway gives up after 3 s); {@code /slow} is answered after 2 s (and counted in
 * {@link #abandoned} when its connection closes first); {@code /status/NNN} is answered with that status; a path
 * with {@code /closes-once-} has the connection of its first request closed unanswered.
 */
public class StubBackendResource implements QuarkusTestResourceLifecycleManager {
    static volatile int requests;
    /** Requests to {@code /slow} whose connection was closed before they were answered. */
    static final AtomicInteger abandoned = new AtomicInteger();
    /** Paths with {@code /closes-once-} whose first request had its connection closed unanswered. */
    static final Set<String> closedOnce = ConcurrentHashMap.newKeySet();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int port = FreePorts.pick();
        // Headers as large as the services accept (Quarkus: 20K), so that the gateway's own limit is what is tested.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setMaxHeaderSize(20 * 1024)).requestHandler(request -> {
            requests++;
            long[] bytes = { 0 };
            request.handler(chunk -> bytes[0] += chunk.length());
            if (request.uri().contains("/closes-once-") && closedOnce.add(request.uri())) {
                request.connection().close(); // the connection closed under the request, unanswered, once per path
                return;
            }
            if (request.uri().contains("/silent")) {
                return; // a backend that accepted the request and never answers
            }
            Matcher status = Pattern.compile("/status/(\\d{3})").matcher(request.uri());
            if (status.find()) {
                request.endHandler(done -> request.response().setStatusCode(Integer.parseInt(status.group(1))).end());
                return;
            }
            if (request.uri().contains("/cached")) {
                // A service's answer on published data: cacheable, and 304 when the client's copy is current.
                boolean current = "\"abc\"".equals(request.getHeader("If-None-Match"));
                request.endHandler(done -> request.response().setStatusCode(current ? 304 : 200)
                        .putHeader("Cache-Control", "private, max-age=60").putHeader("ETag", "\"abc\"")
                        .end(current ? "" : "{}"));
                return;
            }
            if (request.uri().contains("/slow")) {
                boolean[] answered = { false };
                request.connection().closeHandler(closed -> {
                    if (!answered[0]) {
                        abandoned.incrementAndGet();
                    }
                });
                vertx.setTimer(2000, timer -> {
                    answered[0] = true;
                    if (!request.response().closed()) {
                        request.response().end("{}");
                    }
                });
                return;
            }
            request.endHandler(done -> request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("ETag", "\"7\"")
                    .putHeader("Location", "http://127.0.0.1:" + port + "/api/v1/incidents/stub")
                    .end(new JsonObject()
                            .put("method", request.method().name())
                            .put("uri", request.uri())
                            .put("authorization", request.getHeader("Authorization"))
                            .put("requestId", request.getHeader("X-Request-Id"))
                            .put("traceparent", request.getHeader("traceparent"))
                            .put("idempotencyKey", request.getHeader("Idempotency-Key"))
                            .put("ifMatch", request.getHeader("If-Match"))
                            .put("apiKey", request.getHeader("X-API-Key"))
                            .put("bodyBytes", bytes[0]).encode()));
        });
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        String stub = "http://127.0.0.1:" + port;
        return Map.of("shahed.gateway.idle-timeout", "3s",
                // Circuits judged after 5 calls and open for 2 s, so that a test sees one open and close again.
                "shahed.gateway.resilience.circuit.minimum-calls", "5",
                "shahed.gateway.resilience.circuit.open-for", "2s",
                "shahed.gateway.services.incident-service.url", stub,
                "shahed.gateway.services.media-service.url", stub,
                "shahed.gateway.services.casualty-service.url", "http://127.0.0.1:" + FreePorts.pick());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
