package org.shahed.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** The gateway's one OpenAPI document: every service path once, valid, and refs intact. */
@QuarkusTest
class MergedOpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPathOfEveryServiceIsInTheMergedDocumentExactlyOnce() throws Exception {
        JsonNode merged = JSON.readTree(given().when().get("/openapi").then().statusCode(200)
                .contentType("application/json").extract().asString());
        Set<String> servicePaths = new HashSet<>();
        for (String service : List.of("incident-service", "casualty-service", "media-service")) {
            try (InputStream in = getClass().getResourceAsStream("/service-openapi/" + service + "/target/openapi/openapi.json")) {
                assertThat(in).as(service + "'s document bundled by the build").isNotNull();
                JsonNode document = JSON.readTree(in);
                List<String> paths = new ArrayList<>();
                document.path("paths").fieldNames().forEachRemaining(paths::add);
                for (String path : paths) {
                    assertThat(merged.path("paths").has(path)).as(service + " " + path).isTrue();
                }
                servicePaths.addAll(paths);
            }
        }
        // The gateway's own API (admin keys and audit log, dossiers) is in it too, from its own generated document.
        JsonNode gateway = JSON.readTree(given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> gatewayPaths = new ArrayList<>();
        gateway.path("paths").fieldNames().forEachRemaining(gatewayPaths::add);
        assertThat(gatewayPaths).contains("/api/v1/admin/api-keys", "/api/v1/admin/api-keys/{id}/rotate",
                "/api/v1/admin/audit-log", "/api/v1/incidents/{id}/dossier");
        for (String path : gatewayPaths) {
            assertThat(merged.path("paths").has(path)).as("gateway " + path).isTrue();
        }
        // Each path once: the platform's operations that every service answers (dead letters) count once too.
        assertThat(servicePaths).contains("/api/v1/admin/dead-letters/{service}");
        assertThat(merged.path("paths").size()).isEqualTo(servicePaths.size() + gatewayPaths.size());
        assertThat(merged.at("/components/securitySchemes/ApiKey/name").asText()).isEqualTo("X-API-Key");
        assertThat(merged.at("/paths/~1api~1v1~1incidents/get")).isNotNull();
        assertThat(merged.at("/paths/~1api~1v1~1casualty-imports/post").isMissingNode()).isFalse();
        // Both services have a "PageChangeView" of different shape: one keeps it, the other is renamed.
        assertThat(merged.at("/components/schemas/CasualtyPageChangeView").isMissingNode()).isFalse();
        assertThat(merged.at("/components/schemas/Problem/properties/violations").isMissingNode()).isFalse();
        List<String> dangling = new ArrayList<>();
        collectDanglingRefs(merged, merged, dangling);
        assertThat(dangling).isEmpty();
        // Operations a key's roles may call accept the key; staff-only ones do not.
        assertThat(merged.at("/paths/~1api~1v1~1casualties/get/security").toString()).contains("ApiKey");
        assertThat(merged.at("/paths/~1api~1v1~1casualties~1{id}~1history/get/security").toString()).doesNotContain("ApiKey");
        // Every problem's type is documented, and so is the answer above the rate limit.
        assertThat(merged.at("/components/schemas/Problem/properties/type/description").asText())
                .contains("urn:shahed:problem:").contains("rate-limited");
        assertThat(merged.at("/paths/~1api~1v1~1incidents/get/responses/429").isMissingNode()).isFalse();
    }

    private static void collectDanglingRefs(JsonNode node, JsonNode root, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")
                    && root.at(ref.asText().substring(1)).isMissingNode()) {
                dangling.add(ref.asText());
            }
        }
        node.elements().forEachRemaining(child -> collectDanglingRefs(child, root, dangling));
    }

    @Test
    void theMergedDocumentIsValidOpenApiWithEveryReferenceResolved() {
        String document = given().when().get("/openapi").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/casualties/{id}/merge");
        given().when().get("/openapi.yaml").then().statusCode(200).contentType("application/yaml");
    }
}
