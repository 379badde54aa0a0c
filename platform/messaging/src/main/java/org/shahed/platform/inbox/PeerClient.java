package org.shahed.platform.inbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Response;

import org.shahed.platform.web.Problem;

/**
 * Reads another service's API for reconciliation, the one place where a service calls another: an admin's
 * rebuild or check of a projection reads the producer's {@code changes?since=} feed or its current state. The
 * admin's own token is passed on, so the producer applies its own rules to the request.
 */
@ApplicationScoped
public class PeerClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ObjectMapper json;
    @Inject
    Peers peers;

    /** Where the other services are (their base URLs by name, e.g. {@code shahed.peers.incident-service}). */
    @ConfigMapping(prefix = "shahed.peers")
    public interface Peers {
        @WithParentName
        Map<String, String> urls();
    }

    /** GET of a JSON resource of service {@code peer} (e.g. casualty-service); empty on 404. */
    public Optional<JsonNode> get(String peer, String path, String bearerToken) {
        String baseUrl = baseUrl(peer);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearerToken)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw unavailable(baseUrl + path + " answered " + response.statusCode());
            }
            return Optional.of(json.readTree(response.body()));
        } catch (IOException e) {
            throw unavailable(baseUrl + path + " could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    /** Every item of a changes feed ({@code {items, next}} pages), from the beginning, in commit order. */
    public void readFeed(String peer, String feedPath, String bearerToken, Consumer<JsonNode> item) {
        String cursor = null;
        while (true) {
            String path = feedPath + "?limit=500" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = get(peer, path, bearerToken).orElseThrow(() -> unavailable(peer + feedPath + " not found"));
            page.path("items").forEach(item);
            if (!page.path("hasMore").asBoolean()) {
                return;
            }
            cursor = page.path("next").asText();
        }
    }

    private String baseUrl(String peer) {
        String url = peers.urls().get(peer);
        if (url == null) {
            throw new IllegalStateException("no shahed.peers." + peer + " configured");
        }
        return url;
    }

    private static ServiceUnavailableException unavailable(String detail) {
        return new ServiceUnavailableException(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "a peer service needed for reconciliation: " + detail, null).toResponse());
    }
}
