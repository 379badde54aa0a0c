package org.shahed.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

/** A client of the running suite, as partners' and scripts' clients are: HTTP/1.1, JSON, a bearer token. */
final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, String etag, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Api() {
    }

    static Reply send(String method, String url, String token, String json, String... headers) {
        return call(method, url, "Authorization", "Bearer " + token, json, headers);
    }

    /** As a partner organisation's or script's client does: with an API key instead of a token. */
    static Reply withKey(String method, String url, String apiKey, String json, String... headers) {
        return call(method, url, "X-API-Key", apiKey, json, headers);
    }

    /** A binary upload (evidence files) with an API key. */
    static Reply uploadWithKey(String url, String apiKey, String contentType, byte[] bytes, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", apiKey).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return exchange(request, headers);
    }

    private static Reply call(String method, String url, String credentialHeader, String credential, String json,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header(credentialHeader, credential)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request, headers);
    }

    private static Reply exchange(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]); // a header given here replaces the default (Content-Type)
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("ETag").orElse(null),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer as text, whatever its type (CSV, NDJSON, problems), with its headers. */
    record Raw(int status, String text, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Any request, its answer as text: {@code credential} is a header line's name and value ("Authorization",
     * "Bearer ..." or "X-API-Key", key), {@code headers} more of them.
     */
    static Raw raw(String method, String url, String credentialHeader, String credential, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header(credentialHeader, credential)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Raw(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Repeats the GET until its body passes {@code test}; fails with the last body after {@code timeout}. */
    static JsonNode awaitBody(String url, String token, Predicate<JsonNode> test, Duration timeout) {
        return awaitBody(url, token, test, timeout, new String[0]);
    }

    /** The same with other credentials: a null {@code token} and e.g. {@code "X-API-Key", key} as headers. */
    static JsonNode awaitBody(String url, String token, Predicate<JsonNode> test, Duration timeout, String... credentials) {
        return Awaitility.await("GET " + url).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> token != null ? send("GET", url, token, null) : call("GET", url, credentials[0], credentials[1], null),
                        reply -> reply.status() == 200 && test.test(reply.body()))
                .body();
    }
}
