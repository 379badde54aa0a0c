package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API as its clients learn it, from the merged OpenAPI document and the README alone, through the gateway:
 * links are followed, every list and feed is paged with one generic pager, keys, imports and mirrors behave as
 * documented, and every problem says which documented kind it is.
 */
@ExtendWith(RunningSuite.class)
class ClientContractTest {
    static RunningSuite.Suite suite() {
        return RunningSuite.suite();
    }

    static String gateway() {
        return suite().url("gateway");
    }

    private static Api.Raw as(String role, String method, String path) {
        return as(role, method, path, null);
    }

    private static Api.Raw as(String role, String method, String path, String body, String... headers) {
        String[] all = body == null ? headers : append(headers, "Content-Type", "application/json");
        return Api.raw(method, gateway() + path, "Authorization", "Bearer " + suite().token(role),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), all);
    }

    private static String[] append(String[] headers, String... more) {
        String[] all = Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static String victim(UUID incident, String externalId, String sex) {
        return """
                {"incidentId": "%s", "sex": "%s", "age": {"years": 30}, "outcome": "killed", "status": "civilian",
                 "date": {"on": "2016-06-25", "precision": "day"}, "place": {"adminPcodes": ["SY09"]},
                 "documentationLevel": "reported", "sourceSystem": "contract-test", "externalId": "%s"}
                """.formatted(incident, sex, externalId);
    }

    @Test
    void everyLinkAnAnswerGivesLeadsThroughTheGateway() throws Exception {
        List<Api.Raw> created = new ArrayList<>();
        created.add(as("analyst", "POST", "/api/v1/incidents", Files.readString(
                Path.of("").toAbsolutePath().getParent().resolve("deploy/demo/first-strike.json"))));
        created.add(as("analyst", "POST", "/api/v1/casualties", victim(UUID.randomUUID(), "link-" + UUID.randomUUID(), "male")));
        created.add(Api.raw("POST", gateway() + "/api/v1/casualty-imports", "Authorization", "Bearer " + suite().token("ingest"),
                "sex,outcome,status,documentation_level\nmale,killed,civilian,reported\n".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/csv"));
        created.add(Api.raw("POST", gateway() + "/api/v1/media", "Authorization", "Bearer " + suite().token("analyst"),
                ("%PDF-1.4\n% contract " + UUID.randomUUID() + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1),
                "Content-Type", "application/pdf", "X-File-Name", "contract.pdf"));
        for (Api.Raw answer : created) {
            assertThat(answer.status()).as(answer.text()).isIn(201, 202);
            String location = answer.header("Location");
            assertThat(location).as("Location of " + answer.text()).startsWith(gateway() + "/api/v1/");
            String role = location.contains("casualty-imports") ? "ingest" : "analyst";
            assertThat(Api.raw("GET", location, "Authorization", "Bearer " + suite().token(role), null).status())
                    .as(location).isEqualTo(200);
        }
    }

    @Test
    void everyListAndFeedOfTheDocumentPagesToItsEndWithOnePager() throws Exception {
        JsonNode openApi = Api.raw("GET", gateway() + "/openapi", "Accept", "application/json", null).json();
        int paged = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            boolean takesCursor = false;
            boolean required = false;
            for (JsonNode parameter : get.path("parameters")) {
                takesCursor |= parameter.path("name").asText().equals("cursor");
                required |= parameter.path("required").asBoolean() && parameter.path("in").asText().equals("query");
            }
            if (!takesCursor || required || path.getKey().contains("{")) {
                continue;
            }
            // The one pager: follow `next` as `cursor` while `hasMore`; a list's last page has no `next`.
            String role = path.getKey().contains("/admin/") ? "admin" : "analyst";
            String cursor = null;
            for (int page = 0; page < 500; page++) {
                Api.Raw answer = as(role, "GET", path.getKey() + "?limit=50"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                assertThat(answer.status()).as(path.getKey() + " " + answer.text()).isEqualTo(200);
                JsonNode body = answer.json();
                assertThat(body.has("items") && body.has("hasMore")).as(path.getKey() + " is a page").isTrue();
                if (!body.path("hasMore").asBoolean()) {
                    if (!path.getKey().endsWith("/changes")) {
                        assertThat(body.has("next")).as(path.getKey() + ": the last page of a list has no next").isFalse();
                    }
                    break;
                }
                cursor = body.path("next").asText();
                assertThat(cursor).as(path.getKey() + ": more pages, so a cursor").isNotEmpty();
            }
            paged++;
        }
        assertThat(paged).as("lists and feeds paged").isGreaterThanOrEqualTo(8);
    }

    @Test
    void noListIsABareArrayAndEveryEnumerationHasItsLabels() throws Exception {
        JsonNode openApi = Api.raw("GET", gateway() + "/openapi", "Accept", "application/json", null).json();
        List<String> bare = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(response -> {
                    if (response.getKey().startsWith("2") && response.getValue().path("content")
                            .path("application/json").path("schema").path("type").asText().equals("array")) {
                        bare.add(operation.getKey() + " " + path.getKey());
                    }
                })));
        assertThat(bare).as("lists answering a bare array instead of a page").isEmpty();

        // Each enumeration of the document has a thesaurus of the same name (kebab case) with every one of its codes.
        Map<String, JsonNode> enumerations = new HashMap<>();
        openApi.path("components").path("schemas").fields().forEachRemaining(schema -> {
            if (schema.getKey().equals("JsonNodeType")) {
                return; // Jackson's own type, shown by a generic JSON field, not an answer of the API
            }
            if (schema.getValue().has("enum")) {
                enumerations.put(kebab(schema.getKey()), schema.getValue().path("enum"));
            }
            schema.getValue().path("properties").fields().forEachRemaining(property -> {
                if (property.getValue().has("enum")) {
                    enumerations.put(kebab(schema.getKey()) + "-" + kebab(property.getKey()), property.getValue().path("enum"));
                }
            });
        });
        assertThat(enumerations).hasSizeGreaterThan(15);
        for (Map.Entry<String, JsonNode> enumeration : enumerations.entrySet()) {
            Api.Raw terms = as("partner", "GET", "/api/v1/thesauri/" + enumeration.getKey());
            assertThat(terms.status()).as("thesaurus " + enumeration.getKey()).isEqualTo(200);
            Set<String> labelled = new HashSet<>();
            terms.json().path("items").forEach(term -> {
                if (!term.path("label").path("en").asText().isBlank() && !term.path("label").path("ar").asText().isBlank()) {
                    labelled.add(term.path("code").asText());
                }
            });
            enumeration.getValue().forEach(code -> assertThat(labelled)
                    .as(enumeration.getKey() + " labels " + code.asText()).contains(code.asText()));
        }
        // Governorates, which answers carry as P-codes, have their names too.
        assertThat(as("partner", "GET", "/api/v1/thesauri/governorate").json().path("items").size()).isEqualTo(14);
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @Test
    void anAggregateWithAFilterEqualsTheSumOfItsGroups() {
        UUID incident = UUID.randomUUID();
        for (String sex : List.of("female", "female", "male")) {
            assertThat(as("analyst", "POST", "/api/v1/casualties", victim(incident, "sum-" + UUID.randomUUID(), sex))
                    .status()).isEqualTo(201);
        }
        for (String role : List.of("analyst", "partner")) {
            JsonNode killed = as(role, "GET", "/api/v1/casualty-aggregates?groupBy=outcome&outcome=killed&governorate=SY09").json();
            JsonNode cell0 = killed.path("items").path(0);
            if (role.equals("partner") && !cell0.path("count").has("min")) {
                continue; // suppressed for partners: nothing to add up
            }
            long total = cell0.path("count").path("min").asLong();
            for (String groupBy : List.of("sex", "ageGroup", "status", "month")) {
                JsonNode grouped = as(role, "GET", "/api/v1/casualty-aggregates?groupBy=" + groupBy
                        + "&outcome=killed&governorate=SY09").json();
                long sum = 0;
                boolean suppressed = false;
                for (JsonNode cell : grouped.path("items")) {
                    sum += cell.path("count").path("min").asLong();
                    suppressed |= cell.path("suppressed").asBoolean();
                }
                if (role.equals("analyst") || grouped.path("total").has("count")) {
                    assertThat(grouped.path("total").path("count").path("min").asLong()).as(role + " " + groupBy).isEqualTo(total);
                }
                if (!suppressed) {
                    assertThat(sum).as(role + " " + groupBy).isEqualTo(total);
                }
            }
        }
    }

    @Test
    void anIdempotencyKeyStandsForOneRequestOnly() {
        String key = "contract-" + UUID.randomUUID();
        UUID incident = UUID.randomUUID();
        String first = victim(incident, "idem-" + UUID.randomUUID(), "male");
        assertThat(as("ingest", "POST", "/api/v1/casualties", first, "Idempotency-Key", key).status()).isEqualTo(201);
        assertThat(as("ingest", "POST", "/api/v1/casualties", first, "Idempotency-Key", key).status()).isEqualTo(201);
        Api.Raw other = as("ingest", "POST", "/api/v1/casualties", first.replace("\"male\"", "\"female\""), "Idempotency-Key", key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("violations").get(0).path("field").asText()).isEqualTo("Idempotency-Key");

        // The same for imports: the same key with the same file is the same job; with another file, refused.
        String importKey = "contract-import-" + UUID.randomUUID();
        byte[] file = "sex,outcome,status,documentation_level\nfemale,killed,civilian,reported\n".getBytes(StandardCharsets.UTF_8);
        Api.Raw job = Api.raw("POST", gateway() + "/api/v1/casualty-imports", "Authorization", "Bearer " + suite().token("ingest"),
                file, "Content-Type", "text/csv", "Idempotency-Key", importKey);
        Api.Raw again = Api.raw("POST", gateway() + "/api/v1/casualty-imports", "Authorization", "Bearer " + suite().token("ingest"),
                file, "Content-Type", "text/csv", "Idempotency-Key", importKey);
        assertThat(again.json().path("id").asText()).isEqualTo(job.json().path("id").asText());
        Api.Raw anotherFile = Api.raw("POST", gateway() + "/api/v1/casualty-imports", "Authorization",
                "Bearer " + suite().token("ingest"), "sex,outcome,status,documentation_level\nmale,killed,civilian,reported\n"
                        .getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv", "Idempotency-Key", importKey);
        assertThat(anotherFile.status()).isEqualTo(422);
        assertThat(anotherFile.json().path("violations").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aSpreadsheetsCsvWithBadRowsIsReportedInItsOwnTerms() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // As a spreadsheet saves "CSV UTF-8": a byte-order mark first.
        String csv = "\uFEFFsource_system,external_id,sex,outcome,status,documentation_level,admin_pcodes,full_name_ar\n"
                + "contract," + tag + "-1,female,killed,civilian,reported,SY09,فاطمة\n"
                + "contract," + tag + "-2,dragon,killed,civilian,reported,SY09,أحمد\n"
                + "contract," + tag + "-3,male,killed,civilian,reported,not-a-pcode,محمد\n";
        Api.Raw started = Api.raw("POST", gateway() + "/api/v1/casualty-imports", "Authorization", "Bearer " + suite().token("ingest"),
                csv.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String job = started.json().path("id").asText();
        JsonNode done = Api.awaitBody(gateway() + "/api/v1/casualty-imports/" + job, suite().token("ingest"),
                body -> body.path("status").asText().equals("completed"), Duration.ofSeconds(60));
        assertThat(done.path("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(done.path("rowsRejected").asInt()).isEqualTo(2);
        JsonNode errors = as("ingest", "GET", "/api/v1/casualty-imports/" + job + "/errors").json().path("items");
        Map<String, JsonNode> byId = new HashMap<>();
        errors.forEach(error -> byId.put(error.path("externalId").asText(), error));
        assertThat(byId.get(tag + "-2").path("field").asText()).isEqualTo("sex");
        assertThat(byId.get(tag + "-2").path("reason").asText()).contains("dragon").contains("female, male, unknown")
                .doesNotContain("org.shahed").doesNotContain("Cannot deserialize");
        assertThat(byId.get(tag + "-3").path("field").asText()).isEqualTo("admin_pcodes");
        // The script finds the row that went in by its own id, and lists its imports.
        JsonNode found = as("ingest", "GET", "/api/v1/casualties?sourceSystem=contract&externalId=" + tag + "-1").json();
        assertThat(found.path("items")).hasSize(1);
        assertThat(as("ingest", "GET", "/api/v1/casualty-imports?limit=500").text()).contains(job);
    }

    @Test
    void aMirrorFromAnExportAndTheFeedAfterItEqualsOneFromTheFeedAlone() throws Exception {
        UUID incident = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(as("analyst", "POST", "/api/v1/casualties", victim(incident, "mirror-" + UUID.randomUUID(), "female")).status())
                    .isEqualTo(201);
        }
        Api.Raw export = as("analyst", "GET", "/api/v1/casualties/export.ndjson?incidentId=" + incident);
        String position = export.header("Shahed-Changes-Cursor");
        assertThat(position).isNotBlank();
        Map<String, String> mirror = new HashMap<>();
        for (String line : export.text().split("\n")) {
            if (!line.isBlank()) {
                JsonNode record = Api.JSON.readTree(line);
                mirror.put(record.path("id").asText(), record.path("version").asText());
            }
        }
        // Changes after the export: one record corrected, one created.
        String changed = mirror.keySet().iterator().next();
        Api.Raw current = as("analyst", "GET", "/api/v1/casualties/" + changed);
        JsonNode record = current.json();
        String corrected = victim(incident, record.path("externalId").asText(), "unknown");
        assertThat(as("analyst", "PUT", "/api/v1/casualties/" + changed, corrected, "If-Match", current.header("ETag")).status())
                .isEqualTo(200);
        assertThat(as("analyst", "POST", "/api/v1/casualties", victim(incident, "mirror-" + UUID.randomUUID(), "male")).status())
                .isEqualTo(201);
        applyFeed(mirror, position, incident);
        Map<String, String> fromFeedAlone = new HashMap<>();
        applyFeed(fromFeedAlone, null, incident);
        assertThat(mirror).hasSize(4).isEqualTo(fromFeedAlone);
    }

    /** What a mirror does: apply every change of the feed after {@code cursor} (absent: from the start). */
    private static void applyFeed(Map<String, String> mirror, String cursor, UUID incident) {
        while (true) {
            JsonNode page = as("analyst", "GET", "/api/v1/casualties/changes?limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).json();
            for (JsonNode change : page.path("items")) {
                if (change.path("tombstone").asBoolean()) {
                    mirror.remove(change.path("id").asText());
                } else if (incident.toString().equals(change.path("record").path("incidentId").asText())) {
                    mirror.put(change.path("id").asText(), change.path("record").path("version").asText());
                }
            }
            cursor = page.path("next").asText();
            if (!page.path("hasMore").asBoolean()) {
                return;
            }
        }
    }

    @Test
    void anUnknownQueryParameterIsRefusedAndEveryProblemIsOfADocumentedKind() throws Exception {
        JsonNode openApi = Api.raw("GET", gateway() + "/openapi", "Accept", "application/json", null).json();
        String documented = openApi.at("/components/schemas/Problem/properties/type/description").asText();
        Set<String> kinds = new HashSet<>();
        Matcher kind = Pattern.compile("([a-z-]+) \\((\\d{3})\\)").matcher(documented);
        while (kind.find()) {
            kinds.add("urn:shahed:problem:" + kind.group(1));
        }
        assertThat(kinds).hasSizeGreaterThan(10);

        // A typo must not silently restart a feed from its beginning.
        Api.Raw typo = as("partner", "GET", "/api/v1/incidents/changes?sinse=abc");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("violations").get(0).path("field").asText()).isEqualTo("sinse");
        assertThat(typo.json().path("violations").get(0).path("in").asText()).isEqualTo("query");

        List<Api.Raw> problems = List.of(typo,
                as("analyst", "GET", "/api/v1/incidents/" + UUID.randomUUID()),
                Api.raw("GET", gateway() + "/api/v1/incidents", "Accept", "application/json", null),
                as("partner", "POST", "/api/v1/incidents", "{}"),
                as("analyst", "POST", "/api/v1/incidents", "{\"title\": 7}"),
                as("analyst", "GET", "/api/v1/casualties?limit=0"),
                as("analyst", "PUT", "/api/v1/casualties/" + UUID.randomUUID(), victim(UUID.randomUUID(), "x", "male")),
                as("analyst", "GET", "/api/v1/nowhere"));
        for (Api.Raw problem : problems) {
            assertThat(problem.header("Content-Type")).as(problem.text()).startsWith("application/problem+json");
            String type = problem.json().path("type").asText();
            assertThat(kinds).as(problem.status() + " " + problem.text()).contains(type);
            assertThat(type).endsWith(switch (problem.status()) {
                case 400 -> "invalid-request";
                case 401 -> "unauthenticated";
                case 403 -> "forbidden";
                case 404 -> "not-found";
                case 428 -> "precondition-required";
                default -> "?";
            });
        }
    }

    @Test
    void everyHeaderTheApiReadsIsDocumentedWithItsValuesAndAllowedFromABrowser() throws Exception {
        JsonNode openApi = Api.raw("GET", gateway() + "/openapi", "Accept", "application/json", null).json();
        Map<String, JsonNode> headers = new HashMap<>();
        List<String> missing = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String where = operation.getKey() + " " + path.getKey();
            operation.getValue().path("parameters").forEach(parameter -> {
                if (parameter.path("in").asText().equals("header")) {
                    headers.put(parameter.path("name").asText(), parameter);
                    if (parameter.path("description").asText().isBlank()) {
                        missing.add(where + ": header " + parameter.path("name").asText() + " has no description");
                    }
                    if (parameter.path("name").asText().equals("If-Match") && !parameter.path("required").asBoolean()) {
                        missing.add(where + ": If-Match is required (428 without it)");
                    }
                }
            });
            operation.getValue().path("responses").fields().forEachRemaining(response -> {
                JsonNode answered = response.getValue().path("headers");
                for (String name : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Request-Id")) {
                    if (!answered.has(name)) {
                        missing.add(where + " " + response.getKey() + ": answer header " + name);
                    }
                }
                if (List.of("429", "503").contains(response.getKey()) && !answered.has("Retry-After")) {
                    missing.add(where + " " + response.getKey() + ": Retry-After");
                }
            });
            if (!operation.getValue().has("responses") || !operation.getValue().path("responses").has("429")) {
                missing.add(where + ": 429 undocumented");
            }
        }));
        assertThat(missing).isEmpty();
        assertThat(headers).containsKeys("If-Match", "If-None-Match", "Idempotency-Key", "X-Request-Id", "Range",
                "X-File-Name", "X-Content-SHA256", "X-Acquisition-Method", "X-Acquired-At", "X-Acquired-By", "X-Source-Url");
        assertThat(openApi.at("/components/headers/Retry-After/description").asText()).isNotBlank();
        List<String> dangling = new ArrayList<>();
        openApi.findValues("$ref").forEach(ref -> {
            if (openApi.at(ref.asText().substring(1)).isMissingNode()) {
                dangling.add(ref.asText());
            }
        });
        assertThat(dangling).as("references the document does not hold").isEmpty();

        // A header with a fixed set of values lists them (here through the schema it refers to).
        JsonNode method = headers.get("X-Acquisition-Method").path("schema");
        if (method.findValue("$ref") != null) {
            method = openApi.at(method.findValue("$ref").asText().substring(1));
        }
        List<String> values = new ArrayList<>();
        method.path("enum").forEach(value -> values.add(value.asText()));
        assertThat(values).contains("direct-from-witness", "downloaded", "capture-tool", "partner-transfer", "other");

        // A dashboard on an allowed origin may send every one of them (and the API key) from a browser.
        Set<String> asked = new HashSet<>(headers.keySet());
        asked.add("X-API-Key");
        Api.Raw preflight = Api.raw("OPTIONS", gateway() + "/api/v1/media", "Origin", "http://localhost:3000", null,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", String.join(",", asked));
        Set<String> allowed = new HashSet<>();
        for (String name : preflight.header("Access-Control-Allow-Headers").split(",")) {
            allowed.add(name.trim().toLowerCase(Locale.ROOT));
        }
        for (String name : asked) {
            assertThat(allowed).as("CORS allows " + name).contains(name.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void everyCsvTheApiWritesHasTheColumnsItsDocumentNamesWithValidHxlTags() throws Exception {
        JsonNode openApi = Api.raw("GET", gateway() + "/openapi", "Accept", "application/json", null).json();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            if (!get.path("responses").path("200").path("content").has("text/csv")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            Matcher column = Pattern.compile("`([a-z0-9_]+)` (#[a-z0-9_+]+)").matcher(get.path("description").asText());
            while (column.find()) {
                names.add(column.group(1));
                tags.add(column.group(2));
            }
            assertThat(names).as(path.getKey() + " documents its columns").hasSizeGreaterThan(5);
            Api.Raw csv = as("partner", "GET", path.getKey() + "?hxl=true");
            assertThat(csv.status()).as(path.getKey()).isEqualTo(200);
            List<CSVRecord> rows = CSVFormat.RFC4180
                    .parse(new StringReader(csv.text())).getRecords();
            assertThat(rows.get(0).toList()).as(path.getKey() + " header").isEqualTo(names);
            assertThat(rows.get(1).toList()).as(path.getKey() + " HXL row").isEqualTo(tags)
                    .allMatch(tag -> tag.matches("#[a-z][a-z0-9_]*(\\+[a-z][a-z0-9_]*)*"));
            assertThat(names).as(path.getKey() + ": one admin level per column, as in every CSV of the suite")
                    .contains("admin1_pcode", "admin2_pcode", "version", "updated_at");
            checked++;
        }
        assertThat(checked).as("CSV exports").isEqualTo(2);
    }
}
