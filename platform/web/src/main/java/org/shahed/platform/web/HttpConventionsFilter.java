package org.shahed.platform.web;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents what every operation shares, so that clients (and the gateway's merged document) find it on each one
 * rather than in prose: the errors, all RFC 9457 {@code application/problem+json} with one {@code Problem} schema;
 * the headers every answer carries (rate limits, request id) and those of a refusal to wait (Retry-After); the
 * request headers of the conventions (X-Request-Id, If-None-Match on reads, If-Match on changes).
 */
public class HttpConventionsFilter implements OASFilter {
    private static final Map<String, String> EVERYWHERE = Map.of(
            "400", "Invalid request: the problem's violations name each offending field",
            "401", "Missing, expired or invalid bearer token",
            "403", "The caller's role does not allow this",
            "429", "The caller's rate limit is used up (at the gateway): Retry-After says in how many seconds to retry; "
                    + "RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset come with every answer",
            "500", "Unexpected failure (logged; nothing internal is revealed)",
            "503", "The service is unavailable or, failing, paused for a moment (at the gateway): Retry-After says in "
                    + "how many seconds to retry");
    /** Answer headers: name → description (all but Retry-After on every answer that passed the gateway). */
    private static final Map<String, String> ANSWER_HEADERS = Map.of(
            "RateLimit-Limit", "Requests the caller may make in the current window",
            "RateLimit-Remaining", "Requests left in the current window",
            "RateLimit-Reset", "Seconds until the window resets",
            "X-Request-Id", "The request's id, as the caller sent it or made by the gateway; it is in the logs and the "
                    + "audit log",
            "Retry-After", "Seconds to wait before retrying");
    private static final List<String> WAIT_CODES = List.of("429", "503");
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
        ANSWER_HEADERS.forEach((name, description) -> openAPI.getComponents().addHeader(name, OASFactory.createHeader()
                .description(description).schema(OASFactory.createSchema().addType(name.startsWith("X-")
                        ? Schema.SchemaType.STRING : Schema.SchemaType.INTEGER))));
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
            responses.getAPIResponses().forEach((code, response) -> {
                ANSWER_HEADERS.keySet().stream().filter(name -> !name.equals("Retry-After") || WAIT_CODES.contains(code))
                        .forEach(name -> response.addHeader(name, OASFactory.createHeader().ref(name)));
            });
            header(operation, "X-Request-Id", "Your id for this request (letters, digits, `.`, `_`, `:`, `-`; up to "
                    + "200), echoed in the answer and kept in the logs; the gateway makes one when absent or not so", false);
            if (method == PathItem.HttpMethod.GET) {
                header(operation, "If-None-Match", "An ETag of an earlier answer: 304 Not Modified while it still "
                        + "holds (answers to partners carry ETag and Cache-Control: private, max-age)", false);
            }
            if (operation.getParameters() != null) {
                operation.getParameters().stream().filter(p -> p.getIn() == Parameter.In.HEADER
                        && "If-Match".equalsIgnoreCase(p.getName())).forEach(p -> {
                            p.setRequired(true);
                            if (p.getDescription() == null) {
                                p.setDescription("The ETag of the version being changed, from the last read: 412 if "
                                        + "it changed since, 428 if absent");
                            }
                        });
            }
        }));
    }

    /** Adds a header parameter, or describes it where the operation declares it without a word. */
    private static void header(Operation operation, String name, String description, boolean required) {
        Parameter declared = operation.getParameters() == null ? null : operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName())).findFirst()
                .orElse(null);
        if (declared != null) {
            if (declared.getDescription() == null) {
                declared.setDescription(description);
            }
            return;
        }
        operation.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(required)
                .description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
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
