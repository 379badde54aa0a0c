package org.shahed.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.shahed.gateway.routing.GatewayConfig;
import org.shahed.platform.web.HttpConventionsFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * One OpenAPI 3.1 document for the whole API, merged at start-up from the services' documents of the same build
 * (bundled by the build under service-openapi/): every path of every service once, schemas that are the same
 * shared, schemas that differ under one name renamed with the service's prefix (and every $ref to them
 * rewritten), security schemes and tags united. Served, like the services' own, without a token.
 */
@ApplicationScoped
public class MergedOpenApi {
    /**
     * The order in which the services' documents are merged (the first to use a schema name keeps it, so the order
     * keeps the published schema names stable); checked at start against the gateway's registry. The build bundles
     * every module's document (gateway/pom.xml).
     */
    static final List<String> SERVICES = List.of("incident-service", "casualty-service", "media-service");
    /** The gateway's own API (its admin resources, the dossier), as Quarkus generated it for this build. */
    static final String GATEWAY = "gateway";
    private static final String SCHEMA_REF = "#/components/schemas/";

    @Inject
    ObjectMapper json;
    @Inject
    GatewayConfig config;

    private byte[] jsonDocument;
    private byte[] yamlDocument;

    void serve(@Observes Router router) {
        ObjectNode merged = merge();
        try {
            jsonDocument = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(merged);
            yamlDocument = new YAMLMapper().writeValueAsBytes(merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        router.get("/openapi").handler(context -> {
            String format = context.request().getParam("format");
            String accept = String.valueOf(context.request().getHeader("Accept"));
            boolean yaml = "yaml".equals(format) || format == null && accept.contains("yaml") && !accept.contains("json");
            context.response().putHeader("Content-Type", yaml ? "application/yaml" : "application/json")
                    .end(Buffer.buffer(yaml ? yamlDocument : jsonDocument));
        });
        router.get("/openapi.yaml").handler(context -> context.response().putHeader("Content-Type", "application/yaml")
                .end(Buffer.buffer(yamlDocument)));
    }

    ObjectNode merge() {
        if (!Set.copyOf(SERVICES).equals(config.services().keySet())) {
            throw new IllegalStateException("the gateway routes to " + config.services().keySet()
                    + " but its build bundles the documents of " + SERVICES);
        }
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info").put("title", "Shahed API").put("version", "1")
                .put("description", "Documenting human-rights violations as structured, verifiable, linkable data. "
                        + "Every operation needs a bearer token (JWT) with one of the roles partner, ingest, analyst, "
                        + "reviewer, admin, or an API key in the X-API-Key header; errors are RFC 9457 problem details. "
                        + "Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; above the "
                        + "limit the answer is 429 with Retry-After.");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>(SERVICES);
        sources.add(GATEWAY);
        for (String service : sources) {
            ObjectNode document = read(service);
            Map<String, String> renamed = new LinkedHashMap<>();
            JsonNode serviceSchemas = document.path("components").path("schemas");
            for (Iterator<String> names = serviceSchemas.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (schemas.has(name) && !schemas.get(name).equals(serviceSchemas.get(name))) {
                    renamed.put(name, prefix(service) + name);
                }
            }
            rewriteRefs(document, renamed);
            serviceSchemas = document.path("components").path("schemas");
            for (Iterator<Map.Entry<String, JsonNode>> entries = serviceSchemas.fields(); entries.hasNext();) {
                Map.Entry<String, JsonNode> entry = entries.next();
                schemas.set(renamed.getOrDefault(entry.getKey(), entry.getKey()), entry.getValue());
            }
            for (Iterator<Map.Entry<String, JsonNode>> entries = document.path("paths").fields(); entries.hasNext();) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (paths.has(entry.getKey())) {
                    // The platform's own operations (dead letters) are the same in every service, and the
                    // gateway routes them by the service named in the path: listed once.
                    if (!paths.get(entry.getKey()).equals(entry.getValue())) {
                        throw new IllegalStateException(entry.getKey() + " is claimed by two services");
                    }
                    continue;
                }
                paths.set(entry.getKey(), entry.getValue());
            }
            document.path("components").fields().forEachRemaining(section -> {
                if (section.getKey().equals("schemas")) {
                    return;
                }
                // Headers, security schemes...: the platform's, the same in every document.
                ObjectNode merging = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(entry -> {
                    if (merging.has(entry.getKey()) && !merging.get(entry.getKey()).equals(entry.getValue())) {
                        throw new IllegalStateException(service + " defines " + section.getKey() + "/" + entry.getKey()
                                + " unlike the services before it");
                    }
                    merging.set(entry.getKey(), entry.getValue());
                });
            });
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
        }
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        securitySchemes.putObject("ApiKey").put("type", "apiKey").put("in", "header").put("name", "X-API-Key")
                .put("description", "An API key of a partner organisation or script (made by admins at /api/v1/admin/api-keys)");
        ArrayNode security = merged.putArray("security");
        security.addObject().putArray("SecurityScheme");
        security.addObject().putArray("ApiKey");
        paths.forEach(MergedOpenApi::acceptKeysWhereTheirRolesMay);
        return merged;
    }

    /**
     * An operation whose roles include one a key can carry (partner, ingest) accepts the API key too, so that
     * clients (and Swagger UI's "Try it out") know they may send one.
     */
    private static void acceptKeysWhereTheirRolesMay(JsonNode pathItem) {
        pathItem.forEach(operation -> {
            if (!(operation.get("security") instanceof ArrayNode requirements)) {
                return;
            }
            boolean keyRole = false;
            for (JsonNode requirement : requirements) {
                for (JsonNode role : requirement.path("SecurityScheme")) {
                    keyRole |= role.asText().equals("partner") || role.asText().equals("ingest");
                }
            }
            if (keyRole) {
                requirements.addObject().putArray("ApiKey");
            }
        });
    }

    private ObjectNode read(String service) {
        String resource = service.equals(GATEWAY) ? "/META-INF/quarkus-generated-openapi-doc.JSON"
                : "/service-openapi/" + service + "/target/openapi/openapi.json";
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        if (classLoader.getResource(resource.substring(1)) == null) {
            throw new IllegalStateException("the build did not bundle " + service + "'s OpenAPI document");
        }
        if (!service.equals(GATEWAY)) {
            try (InputStream in = classLoader.getResourceAsStream(resource.substring(1))) {
                return (ObjectNode) json.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // The services' documents were stored by their builds with the conventions filter applied; the gateway's
        // generated one has not been through it yet.
        String filtered = SmallRyeOpenAPI.builder().enableModelReader(false).enableStandardStaticFiles(false)
                .enableAnnotationScan(false).enableStandardFilter(false)
                .withCustomStaticFile(() -> classLoader.getResourceAsStream(resource.substring(1)))
                .addFilter(new HttpConventionsFilter()).build().toJSON();
        try {
            return (ObjectNode) json.readTree(filtered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                String target = ref.asText().substring(SCHEMA_REF.length());
                if (renamed.containsKey(target)) {
                    object.set("$ref", new TextNode(SCHEMA_REF + renamed.get(target)));
                }
            }
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(child -> rewriteRefs(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renamed));
        }
    }

    private static String prefix(String service) {
        String name = service.contains("-") ? service.substring(0, service.indexOf('-')) : service;
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
