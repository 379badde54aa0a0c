package org.shahed.gateway.dossier;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.shahed.gateway.routing.GatewayConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * Puts an incident's dossier together from the services, asked with the caller's own token: each service redacts
 * for the caller's role as it always does, so the dossier shows nothing its parts would not. First the incident and
 * everything listed under it, at once; then what those parts point at (the linked incidents, the area's control on
 * the incident's date, evidence cited by a legal qualification that is not in the first pages), at once.
 */
@ApplicationScoped
public class DossierAssembler {
    /** What one service answered: its status and JSON body (a problem when it failed). */
    record Part(String name, String backend, int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }

        /** Not for this caller's role (403) or not visible to it (404): left out, as its endpoint would. */
        boolean withheld() {
            return status == 403 || status == 404;
        }
    }

    /**
     * An assembled dossier: {@code body} when the incident could be read, or the incident's own failure. The
     * version is a SHA-256 of everything in the dossier but its time, so it moves when any part changes.
     */
    public record Assembled(ObjectNode body, String version, Part failure) {
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

    /** Who asks, passed on to every service. */
    record Caller(String authorization, String requestId) {
    }

    public Future<Assembled> assemble(UUID incidentId, String authorization, String requestId, int casualtyLimit,
            int mediaLimit) {
        Caller caller = new Caller(authorization, requestId);
        String incidents = url("incident-service") + "/api/v1/incidents/" + incidentId;
        List<Future<Part>> first = List.of(
                get("incident", "incident-service", incidents, caller),
                get("links", "incident-service", incidents + "/links", caller),
                get("testimonies", "incident-service", incidents + "/testimonies", caller),
                get("legalQualifications", "incident-service", incidents + "/legal-qualifications", caller),
                get("reports", "incident-service", url("incident-service") + "/api/v1/reports?limit=100&incidentId="
                        + incidentId, caller),
                get("casualtyCounts", "casualty-service",
                        url("casualty-service") + "/api/v1/casualty-counts/" + incidentId, caller),
                get("casualties", "casualty-service", url("casualty-service") + "/api/v1/casualties?incidentId="
                        + incidentId + "&limit=" + casualtyLimit, caller),
                get("media", "media-service", url("media-service") + "/api/v1/media?incidentId=" + incidentId
                        + "&limit=" + mediaLimit, caller));
        return Future.join(new ArrayList<>(first)).map(CompositeFuture::<Part>list).compose(parts -> {
            Part incident = parts.get(0);
            if (!incident.ok()) {
                return Future.succeededFuture(new Assembled(null, null, incident));
            }
            Map<String, Part> byName = new LinkedHashMap<>();
            parts.forEach(part -> byName.put(part.name(), part));
            return followUp(incidentId, byName, caller).map(more -> compose(incidentId, byName, more));
        });
    }

    /** The second round: what the first parts point at, each asked once. */
    private Future<Map<String, Part>> followUp(UUID incidentId, Map<String, Part> parts, Caller caller) {
        Map<String, Future<Part>> asked = new LinkedHashMap<>();
        JsonNode incident = parts.get("incident").body();
        for (JsonNode link : items(parts.get("links"))) {
            String other = incidentId.toString().equals(link.path("fromIncident").asText())
                    ? link.path("toIncident").asText() : link.path("fromIncident").asText();
            asked.computeIfAbsent("incident:" + other, key -> get(key, "incident-service",
                    url("incident-service") + "/api/v1/incidents/" + other, caller));
        }
        String date = incidentDate(incident);
        if (date != null) {
            for (JsonNode area : incident.path("location").path("adminAreas")) {
                String pcode = area.path("pcode").asText();
                asked.computeIfAbsent("area:" + pcode, key -> get(key, "incident-service",
                        url("incident-service") + "/api/v1/area-control?pcode=" + pcode + "&asOf=" + date, caller));
            }
        }
        Set<String> mediaShown = ids(parts.get("media"));
        Set<String> casualtiesShown = ids(parts.get("casualties"));
        for (JsonNode qualification : items(parts.get("legalQualifications"))) {
            for (JsonNode element : qualification.path("elements")) {
                for (JsonNode evidence : element.path("evidence")) {
                    String id = evidence.path("id").asText(null);
                    String kind = evidence.path("kind").asText();
                    if (id != null && "media".equals(kind) && !mediaShown.contains(id)) {
                        asked.computeIfAbsent("media:" + id, key -> get(key, "media-service",
                                url("media-service") + "/api/v1/media/" + id, caller));
                    } else if (id != null && "casualty".equals(kind) && !casualtiesShown.contains(id)) {
                        asked.computeIfAbsent("casualty:" + id, key -> get(key, "casualty-service",
                                url("casualty-service") + "/api/v1/casualties/" + id, caller));
                    }
                }
            }
        }
        List<Future<Part>> futures = new ArrayList<>(asked.values());
        return Future.join(new ArrayList<>(futures)).map(CompositeFuture::<Part>list).map(answers -> {
            Map<String, Part> byName = new LinkedHashMap<>();
            answers.forEach(part -> byName.put(part.name(), part));
            return byName;
        });
    }

    private Assembled compose(UUID incidentId, Map<String, Part> parts, Map<String, Part> more) {
        ObjectNode dossier = json.createObjectNode();
        ArrayNode incomplete = json.createArrayNode();
        JsonNode incident = parts.get("incident").body();
        dossier.set("incident", incident);
        dossier.set("linkedIncidents", linkedIncidents(incidentId, parts.get("links"), more, incomplete));
        dossier.set("areaControl", areaControl(more, incomplete));
        Map<String, ObjectNode> claims = claims(incident);
        dossier.set("perpetrators", page(perpetrators(incident, claims)));
        for (String name : List.of("testimonies", "legalQualifications", "casualtyCounts", "casualties", "media",
                "reports")) {
            Part part = parts.get(name);
            if (part.ok()) {
                dossier.set(name, part.body());
            } else if (!part.withheld()) {
                incomplete.add(missing(part));
            }
        }
        if (dossier.has("legalQualifications")) {
            resolveEvidence(dossier, claims, more, incomplete);
        }
        if (!incomplete.isEmpty()) {
            dossier.set("incomplete", incomplete);
        }
        String version = version(dossier);
        ObjectNode answer = json.createObjectNode();
        answer.put("incidentId", incident.path("id").asText());
        answer.put("version", version);
        answer.put("asOf", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        answer.setAll(dossier);
        return new Assembled(answer, version, null);
    }

    /** Each confirmed (for partners) or known link with a summary of the incident at its other end. */
    private ObjectNode linkedIncidents(UUID incidentId, Part links, Map<String, Part> more, ArrayNode incomplete) {
        ArrayNode items = json.createArrayNode();
        if (!links.ok() && !links.withheld()) {
            incomplete.add(missing(links));
        }
        for (JsonNode link : items(links)) {
            String from = link.path("fromIncident").asText();
            Part other = more.get("incident:" + (incidentId.toString().equals(from) ? link.path("toIncident").asText() : from));
            ObjectNode item = items.addObject();
            item.set("link", link);
            if (other != null && other.ok()) {
                item.set("incident", summary(other.body()));
            } else if (other != null && !other.withheld()) {
                incomplete.add(missing(other));
            }
        }
        return page(items);
    }

    /** What a linked incident is, in a line: enough to cite it and to fetch it. */
    private ObjectNode summary(JsonNode incident) {
        ObjectNode summary = json.createObjectNode();
        for (String field : List.of("id", "reference", "status", "title", "types", "start", "casualtySummary",
                "publishedAt")) {
            if (incident.has(field)) {
                summary.set(field, incident.get(field));
            }
        }
        JsonNode location = incident.path("location");
        if (location.has("placeName")) {
            summary.set("placeName", location.get("placeName"));
        }
        return summary;
    }

    /** The control periods in force on the incident's date, for each administrative area of its place. */
    private ObjectNode areaControl(Map<String, Part> more, ArrayNode incomplete) {
        ArrayNode items = json.createArrayNode();
        more.forEach((name, part) -> {
            if (name.startsWith("area:")) {
                if (part.ok()) {
                    items(part).forEach(items::add);
                } else if (!part.withheld()) {
                    incomplete.add(missing(part));
                }
            }
        });
        return page(items);
    }

    /** The alleged perpetrators, each with the claims its attribution rests on, quoted with their source. */
    private ArrayNode perpetrators(JsonNode incident, Map<String, ObjectNode> claims) {
        ArrayNode items = json.createArrayNode();
        for (JsonNode perpetrator : incident.path("perpetrators")) {
            ObjectNode item = perpetrator.deepCopy();
            ArrayNode cited = item.putArray("claims");
            for (JsonNode claimId : perpetrator.path("claimIds")) {
                ObjectNode claim = claims.get(claimId.asText());
                if (claim != null) {
                    cited.add(claim);
                }
            }
            items.add(item);
        }
        return items;
    }

    /** Every claim of the incident's sources by its id, each with the source that makes it (without its claims). */
    private Map<String, ObjectNode> claims(JsonNode incident) {
        Map<String, ObjectNode> claims = new LinkedHashMap<>();
        for (JsonNode source : incident.path("sources")) {
            ObjectNode about = source.deepCopy();
            about.remove("claims");
            for (JsonNode claim : source.path("claims")) {
                ObjectNode quoted = claim.deepCopy();
                quoted.set("source", about);
                claims.put(claim.path("id").asText(), quoted);
            }
        }
        return claims;
    }

    /**
     * Each element's evidence with what it points at: the testimony, claim, media or casualty record as this caller
     * reads it; {@code resolved} is absent where the caller may not read it.
     */
    private void resolveEvidence(ObjectNode dossier, Map<String, ObjectNode> claims, Map<String, Part> more,
            ArrayNode incomplete) {
        Map<String, JsonNode> testimonies = byId(dossier.path("testimonies"));
        Map<String, JsonNode> media = byId(dossier.path("media"));
        Map<String, JsonNode> casualties = byId(dossier.path("casualties"));
        Set<String> reported = new LinkedHashSet<>();
        for (JsonNode qualification : dossier.path("legalQualifications").path("items")) {
            for (JsonNode element : qualification.path("elements")) {
                for (JsonNode evidence : element.path("evidence")) {
                    String id = evidence.path("id").asText(null);
                    JsonNode resolved = switch (evidence.path("kind").asText()) {
                    case "testimony" -> testimonies.get(id);
                    case "claim" -> claims.get(evidence.path("claimId").asText());
                    case "media" -> media.containsKey(id) ? media.get(id) : fetched(more.get("media:" + id), incomplete, reported);
                    case "casualty" -> casualties.containsKey(id) ? casualties.get(id)
                            : fetched(more.get("casualty:" + id), incomplete, reported);
                    default -> null;
                    };
                    if (resolved != null) {
                        ((ObjectNode) evidence).set("resolved", resolved);
                    }
                }
            }
        }
    }

    private JsonNode fetched(Part part, ArrayNode incomplete, Set<String> reported) {
        if (part == null) {
            return null;
        }
        if (!part.ok() && !part.withheld() && reported.add(part.name())) {
            incomplete.add(missing(part));
        }
        return part.ok() ? part.body() : null;
    }

    private ObjectNode missing(Part part) {
        ObjectNode missing = json.createObjectNode();
        missing.put("part", part.name()).put("backend", part.backend()).put("status", part.status())
                .put("detail", part.body().path("detail").asText(null));
        return missing;
    }

    private ObjectNode page(ArrayNode items) {
        ObjectNode page = json.createObjectNode();
        page.set("items", items);
        page.putNull("next");
        return page;
    }

    private static Iterable<JsonNode> items(Part part) {
        return part != null && part.ok() ? part.body().path("items") : List.of();
    }

    private static Set<String> ids(Part part) {
        Set<String> ids = new LinkedHashSet<>();
        items(part).forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static Map<String, JsonNode> byId(JsonNode page) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        page.path("items").forEach(item -> byId.put(item.path("id").asText(), item));
        return byId;
    }

    /** The UTC date the incident began, for the area's control then. */
    static String incidentDate(JsonNode incident) {
        String at = incident.path("start").path("at").asText(null);
        try {
            return at == null ? null : OffsetDateTime.parse(at).toLocalDate().toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String version(ObjectNode dossier) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsBytes(dossier)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a service the dossier reads is, from the gateway's registry. */
    private String url(String service) {
        GatewayConfig.Service registered = config.services().get(service);
        if (registered == null) {
            throw new IllegalStateException("the dossier reads " + service + ", which the gateway does not know");
        }
        return registered.url().toString();
    }

    private Future<Part> get(String name, String backend, String url, Caller caller) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Authorization", caller.authorization()).putHeader("Accept", "application/json")
                .setIdleTimeout(config.idleTimeout().toMillis());
        if (caller.requestId() != null) {
            options.putHeader("X-Request-Id", caller.requestId());
        }
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
