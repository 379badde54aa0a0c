package org.shahed.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** API keys for the local run, made through the gateway's admin API as an admin would. */
final class LocalApiKeys {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private LocalApiKeys() {
    }

    /** Whether {@code key} is still accepted by the gateway. */
    static boolean works(String gateway, String key) {
        return send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/thesauri")).header("X-API-Key", key).GET())
                .statusCode() == 200;
    }

    /** A new key for {@code role}; its secret. */
    static String create(String gateway, String adminToken, String role) {
        String body = "{\"name\": \"local run (" + role + ")\", \"organisation\": \"local development\", \"roles\": [\"" + role + "\"]}";
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher key = KEY.matcher(created.body());
        if (created.statusCode() != 201 || !key.find()) {
            throw new IllegalStateException("the gateway did not make an API key: " + created.statusCode() + " " + created.body());
        }
        return key.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the gateway cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
