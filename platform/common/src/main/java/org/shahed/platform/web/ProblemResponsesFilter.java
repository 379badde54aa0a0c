package org.shahed.platform.web;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the errors operations answer with, all RFC 9457 {@code application/problem+json} with one shared
 * {@code Problem} schema, so that clients (and the gateway's merged document) find them on every operation.
 */
public class ProblemResponsesFilter implements OASFilter {
    private static final Map<String, String> EVERYWHERE = Map.of(
            "400", "Invalid request: the problem's violations name each offending field",
            "401", "Missing, expired or invalid bearer token",
            "403", "The caller's role does not allow this",
            "429", "The caller's rate limit is used up (at the gateway): Retry-After says in how many seconds to retry; "
                    + "RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset come with every answer",
            "500", "Unexpected failure (logged; nothing internal is revealed)");
    private static final Map<String, String> ON_ONE_RESOURCE = Map.of(
            "404", "No such resource visible to the caller");
    private static final Map<String, String> ON_CHANGES = Map.of(
            "409", "Conflicts with the resource's current state",
            "412", "If-Match does not match the current ETag",
            "428", "If-Match is required");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            APIResponses responses = operation.getResponses();
            if (responses == null) {
                responses = OASFactory.createAPIResponses();
                operation.setResponses(responses);
            }
            add(responses, EVERYWHERE);
            if (path.contains("{")) {
                add(responses, ON_ONE_RESOURCE);
                if (method != PathItem.HttpMethod.GET) {
                    add(responses, ON_CHANGES);
                }
            }
        }));
    }

    private static void add(APIResponses responses, Map<String, String> codes) {
        codes.forEach((code, description) -> {
            if (!responses.hasAPIResponse(code)) {
                Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(content));
            }
        });
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("in", string("Where the field is: body, query, path or header"))
                .addProperty("field", string("The offending field, e.g. location.latitude"))
                .addProperty("message", string("What is wrong with it"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string("The kind of problem, stable for scripts to branch on: " + Problem.TYPES_DOCUMENTED))
                .addProperty("title", string("Short summary of the problem type"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("HTTP status"))
                .addProperty("detail", string("Explanation of this occurrence"))
                .addProperty("instance", string("The request path"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation))
                .required(List.of("title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
