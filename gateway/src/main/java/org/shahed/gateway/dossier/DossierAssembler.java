package org.shahed.gateway.dossier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.shahed.gateway.routing.GatewayConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Puts an incident's dossier together from the services, all asked at once with the caller's own token: each
 * service redacts for the caller's role as it always does, so the dossier shows nothing its parts would not.
 */
@ApplicationScoped
public class DossierAssembler {
    /** What one service answered: its status and JSON body (a problem when it failed). */
    record Part(String name, String backend, int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }
    }

    @Inject
    GatewayConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxPoolSize(50));
    }

    public Future<List<Part>> fetch(UUID incidentId, String authorization, String requestId, int casualtyLimit, int mediaLimit) {
        List<Future<Part>> parts = List.of(
                get("incident", "incident-service", url("incident-service") + "/api/v1/incidents/" + incidentId,
                        authorization, requestId),
                get("casualtyCounts", "casualty-service",
                        url("casualty-service") + "/api/v1/casualty-counts/" + incidentId, authorization, requestId),
                get("casualties", "casualty-service", url("casualty-service") + "/api/v1/casualties?incidentId="
                        + incidentId + "&limit=" + casualtyLimit, authorization, requestId),
                get("media", "media-service", url("media-service") + "/api/v1/media?incidentId=" + incidentId
                        + "&limit=" + mediaLimit, authorization, requestId));
        return Future.join(new ArrayList<>(parts)).map(CompositeFuture::<Part>list);
    }

    /** Where a service the dossier reads is, from the gateway's registry. */
    private String url(String service) {
        GatewayConfig.Service registered = config.services().get(service);
        if (registered == null) {
            throw new IllegalStateException("the dossier reads " + service + ", which the gateway does not know");
        }
        return registered.url().toString();
    }

    private Future<Part> get(String name, String backend, String url, String authorization, String requestId) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Authorization", authorization).putHeader("Accept", "application/json")
                .putHeader("X-Request-Id", requestId).setIdleTimeout(config.idleTimeout().toMillis());
        return client.request(options)
                .compose(request -> request.send().compose(response -> response.body()
                        .map(body -> new Part(name, backend, response.statusCode(), parse(body.getBytes())))))
                .recover(failure -> Future.succeededFuture(new Part(name, backend, 502, json.createObjectNode()
                        .put("title", "Bad Gateway").put("status", 502).put("detail", backend + " is unavailable"))));
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode().put("detail", "the answer was not JSON");
        }
    }
}
