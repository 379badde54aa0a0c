package org.shahed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway as the CLI talks to it: credentials on every request; a 429 waited out as its {@code Retry-After}
 * says; a request that is safe to repeat (a GET, or a write with an Idempotency-Key) tried again, further and
 * further apart, when the suite is unavailable (502, 503, 504, no connection).
 */
public class Gateway {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);
    private static final int ATTEMPTS = 6;

    /** The API refused the request: its status and problem. */
    public static class Refused extends RuntimeException {
        final int status;
        final JsonNode problem;

        Refused(int status, JsonNode problem) {
            super(describe(status, problem));
            this.status = status;
            this.problem = problem;
        }
    }

    /** The suite could not be reached, or kept failing, after the retries. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final URI base;
    private final String apiKey;
    private final String token;
    private final PrintWriter notes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Gateway(URI base, String apiKey, String token, PrintWriter notes) {
        this.base = base;
        this.apiKey = apiKey;
        this.token = token;
        this.notes = notes;
    }

    /** A GET of {@code path} (from /api/v1/...), its JSON body; refused or unavailable as thrown. */
    public JsonNode get(String path) {
        return json(send(request(path).GET(), true, HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** {@code ?name=value&...} of the given parameters, encoded; empty for none. */
    static String query(java.util.Map<String, String> parameters) {
        return parameters.isEmpty() ? "" : parameters.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&", "?", ""));
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Accept", "application/json, application/jwk-set+json").header("User-Agent", "shahed-cli/0.1.0");
        return apiKey != null ? request.header("X-API-Key", apiKey) : request.header("Authorization", "Bearer " + token);
    }

    /** Sends, waiting out rate limits and, when {@code repeatable}, outages; a 4xx is thrown as {@link Refused}. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, boolean repeatable, HttpResponse.BodyHandler<T> body) {
        HttpRequest built = request.build();
        long backoff = 1;
        for (int attempt = 1;; attempt++) {
            HttpResponse<T> response;
            try {
                response = http.send(built, body);
            } catch (IOException e) {
                if (!repeatable || attempt == ATTEMPTS) {
                    throw new Unavailable("the gateway " + base + " cannot be reached: " + e);
                }
                backoff = pause(backoff, "the gateway cannot be reached (" + e + ")");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted");
            }
            int status = response.statusCode();
            if (status == 429 && attempt < ATTEMPTS) {
                long wait = response.headers().firstValue("Retry-After").map(Gateway::seconds).orElse(backoff);
                note("rate limit reached: waiting " + wait + " s as the gateway asks");
                sleep(wait);
                continue;
            }
            if (UNAVAILABLE.contains(status) && repeatable && attempt < ATTEMPTS) {
                backoff = pause(backoff, "the suite answered " + status);
                continue;
            }
            if (status >= 500 || status == 429) {
                throw new Unavailable(describe(status, problemOf(response.body())));
            }
            if (status >= 400) {
                throw new Refused(status, problemOf(response.body()));
            }
            return response;
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("the answer was not JSON");
        }
    }

    private long pause(long seconds, String why) {
        note(why + ": trying again in " + seconds + " s");
        sleep(seconds);
        return Math.min(seconds * 2, 30);
    }

    private void note(String note) {
        if (notes != null) {
            notes.println(note);
            notes.flush();
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(1, Math.min(300, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static JsonNode problemOf(Object body) {
        try {
            if (body instanceof byte[] bytes) {
                return JSON.readTree(bytes);
            }
            if (body instanceof String text) {
                return JSON.readTree(text);
            }
            if (body instanceof java.io.InputStream in) {
                try (in) {
                    return JSON.readTree(in.readNBytes(64 * 1024));
                }
            }
        } catch (IOException e) {
            // not a problem document
        }
        return JSON.createObjectNode();
    }

    /** A problem as one line: status, title, detail, and each field named with what is wrong with it. */
    static String describe(int status, JsonNode problem) {
        StringBuilder line = new StringBuilder("HTTP ").append(status);
        if (problem.hasNonNull("title")) {
            line.append(' ').append(problem.get("title").asText());
        }
        if (problem.hasNonNull("detail")) {
            line.append(": ").append(problem.get("detail").asText());
        }
        for (JsonNode violation : problem.path("violations")) {
            line.append("\n  ").append(violation.path("field").asText()).append(": ").append(violation.path("message").asText());
        }
        return line.toString();
    }
}
