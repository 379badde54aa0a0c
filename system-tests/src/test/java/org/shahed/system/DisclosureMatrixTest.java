package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who sees what, proven over the whole API: every GET operation of the gateway's merged OpenAPI document, asked by
 * every role (a partner's key, another organisation's ingestion key, analyst, reviewer and admin tokens), through
 * the gateway, over data whose protected fields each hold a unique marker. What each role may see is README.md's
 * "Who sees what" table: a role must never get a marker of a row marked {@code no} (nor of one marked for its own
 * organisation: the ingestion key here is another organisation's), and must get at least one marker of each row
 * marked {@code yes}, so that a broken fixture cannot make the test pass. A new endpoint is asked without editing
 * this test, as long as its path parameters are of a kind the fixture knows (a new kind fails, naming it).
 */
@ExtendWith(RunningSuite.class)
class DisclosureMatrixTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> ROLES = List.of("partner", "ingest", "analyst", "reviewer", "admin");
    /** README rows, by their first words, to the markers of that kind of data. */
    private final Map<String, Set<String>> markersOfRow = new LinkedHashMap<>();
    /** Values of each kind of path parameter ("segment before it/{name}"), and of query parameters probed. */
    private final Map<String, List<String>> pathValues = new LinkedHashMap<>();
    private final Map<String, List<String>> probes = new LinkedHashMap<>();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    static RunningSuite.Suite suite() {
        return RunningSuite.suite();
    }

    static String gateway() {
        return suite().url("gateway");
    }

    private String marker(String row, String what) {
        String marker = "MARK" + what + tag;
        markersOfRow.computeIfAbsent(row, r -> new LinkedHashSet<>()).add(marker);
        return marker;
    }

    private void mark(String row, String value) {
        markersOfRow.computeIfAbsent(row, r -> new LinkedHashSet<>()).add(value);
    }

    @Test
    void noRoleGetsWhatTheReadmeSaysItMayNotAndEachGetsWhatItMay() throws Exception {
        Map<String, Map<String, String>> table = readmeTable();
        Map<String, String> credentials = fixture();
        assertThat(table.keySet()).as("README rows without markers in the fixture, or markers of no README row")
                .containsExactlyInAnyOrderElementsOf(markersOfRow.keySet());

        List<Request> requests = requests();
        Map<String, Map<String, Set<String>>> seen = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String role : ROLES) {
            Map<String, Set<String>> byMarker = new TreeMap<>();
            for (Request request : requests) {
                for (Answer answer : ask(request, credentials.get(role))) {
                    if (answer.status() >= 500) {
                        failures.add(role + " GET " + answer.url() + " → " + answer.status());
                    }
                    if (answer.status() >= 300) {
                        continue; // refusals echo the request, at most
                    }
                    for (Set<String> markers : markersOfRow.values()) {
                        for (String marker : markers) {
                            if (answer.text().contains(marker)) {
                                byMarker.computeIfAbsent(marker, m -> new TreeSet<>()).add(answer.url());
                            }
                        }
                    }
                }
            }
            seen.put(role, byMarker);
        }
        for (Map.Entry<String, Set<String>> row : markersOfRow.entrySet()) {
            for (String role : ROLES) {
                boolean allowed = "yes".equals(table.get(row.getKey()).get(role));
                Map<String, Set<String>> byMarker = seen.get(role);
                if (allowed && row.getValue().stream().noneMatch(byMarker::containsKey)) {
                    failures.add(role + " never got any of \"" + row.getKey() + "\" although README says yes");
                }
                if (!allowed) {
                    for (String marker : row.getValue()) {
                        if (byMarker.containsKey(marker)) {
                            failures.add(role + " got \"" + row.getKey() + "\" (" + marker + ") from " + byMarker.get(marker));
                        }
                    }
                }
            }
        }
        assertThat(failures).as("who saw what").isEmpty();
    }

    // ---- README ----

    /** The "Who sees what" table: row (kind of data) → role → cell. */
    private static Map<String, Map<String, String>> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        int start = lines.indexOf("## Who sees what");
        assertThat(start).as("README has a 'Who sees what' section").isNotNegative();
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        List<String> header = null;
        for (String line : lines.subList(start, lines.size())) {
            if (!line.startsWith("|")) {
                if (header != null) {
                    break;
                }
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.strip());
            }
            if (header == null) {
                header = cells;
            } else if (!cells.get(0).startsWith("---")) {
                Map<String, String> byRole = new LinkedHashMap<>();
                for (int i = 1; i < cells.size(); i++) {
                    byRole.put(header.get(i), cells.get(i));
                }
                assertThat(byRole.keySet()).containsExactlyElementsOf(ROLES);
                table.put(rowName(cells.get(0)), byRole);
            }
        }
        return table;
    }

    /** A README row's name as the fixture files markers under it: its words before any colon. */
    private static String rowName(String cell) {
        int colon = cell.indexOf(':');
        return (colon < 0 ? cell : cell.substring(0, colon)).strip();
    }

    // ---- the fixture ----

    private static final String PUBLISHED = "Published incidents and what belongs to them";
    private static final String DRAFTS = "Drafts";
    private static final String WITNESS = "Witness identity, contact and contact channel";
    private static final String UNSHARED = "Testimonies a witness did not agree to share with partners";
    private static final String NAMES = "Victim names without the family's consent";
    private static final String RELATIVES = "Relatives' contacts";
    private static final String NOTES = "Free-text notes and references";
    private static final String SOURCE_IDS = "Source systems' own record ids";
    private static final String ORIGINALS = "Original files, their names, GPS position, device and acquisition";
    private static final String UNCLEARED = "Media not cleared for sharing";
    private static final String IMPORTS = "Import jobs and their row errors";
    private static final String KEYS = "API keys and the audit log";

    /** Writes the data through the gateway as staff and scripts would; returns each role's credential header. */
    private Map<String, String> fixture() throws Exception {
        String analyst = "Bearer " + suite().token("analyst");
        String reviewer = "Bearer " + suite().token("reviewer");
        String admin = "Bearer " + suite().token("admin");

        String partnerKey = apiKey(admin, marker(KEYS, "KeyName"), "UN Commission of Inquiry", "partner");
        String otherIngestKey = apiKey(admin, "matrix other organisation", "Another Organisation", "ingest");
        String fixtureIngestKey = apiKey(admin, "matrix fixture organisation", "Fixture Organisation", "ingest");

        // A published incident and a later draft one (the draft's title, id and area are markers).
        Path demo = Path.of("").toAbsolutePath().getParent().resolve("deploy/demo");
        ObjectNode first = (ObjectNode) Api.JSON.readTree(Files.readString(demo.resolve("first-strike.json")));
        String published = created(Api.send("POST", gateway() + "/api/v1/incidents", suite().token("analyst"), first.toString()));
        mark(PUBLISHED, published);
        ObjectNode second = (ObjectNode) Api.JSON.readTree(Files.readString(demo.resolve("second-strike.json")));
        ((ObjectNode) second.path("title")).put("en", marker(DRAFTS, "DraftTitle"));
        String draftArea = "SY981001"; // an area no other record names
        mark(DRAFTS, draftArea);
        ((ObjectNode) second.path("location").path("adminAreas").get(0)).put("pcode", draftArea);
        String draft = created(Api.send("POST", gateway() + "/api/v1/incidents", suite().token("analyst"), second.toString()));
        mark(DRAFTS, draft);

        // Testimonies: one shared with partners (its witness's identity and contact are protected), one not.
        String shared = created(send("POST", "/api/v1/incidents/" + published + "/testimonies", analyst, """
                {"witnessPseudonym": "Abu Ahmad", "witnessRole": "local-media-activist", "contactChannel": "%s",
                 "interviewDate": "2016-06-26", "language": "en", "statement": "The warplanes came back and bombed again.",
                 "consent": {"useInReports": true, "publish": true, "shareWithPartners": true, "protectedIdentity": true,
                             "obtainedOn": "2016-06-26", "notes": "%s"},
                 "identity": {"fullName": "%s", "contact": "%s", "residence": "Al Qouriyah", "notes": "%s"}}
                """.formatted(marker(WITNESS, "Channel"), marker(NOTES, "ConsentNote"), marker(WITNESS, "FullName"),
                marker(WITNESS, "Contact"), marker(WITNESS, "IdentityNote"))));
        String unshared = created(send("POST", "/api/v1/incidents/" + published + "/testimonies", analyst, """
                {"witnessPseudonym": "A neighbour", "witnessRole": "resident", "contactChannel": "phone",
                 "interviewDate": "2016-06-27", "language": "en", "statement": "%s",
                 "consent": {"useInReports": true, "publish": false, "shareWithPartners": false, "protectedIdentity": true,
                             "obtainedOn": "2016-06-27"}}
                """.formatted(marker(UNSHARED, "Statement"))));
        mark(UNSHARED, unshared);
        String qualification = created(send("POST", "/api/v1/incidents/" + published + "/legal-qualifications", analyst, """
                {"instrument": "rome-statute-art-8", "provision": "8(2)(c)(i)", "conflictClassification": "non-international",
                 "elements": [{"element": "The perpetrator killed one or more persons", "established": true,
                               "evidence": [{"kind": "testimony", "id": "%s"}, {"kind": "testimony", "id": "%s"}],
                               "note": "%s"}],
                 "standardOfProof": "reasonable-grounds", "conclusion": {"en": "A war crime."}, "reviewer": "Legal unit"}
                """.formatted(shared, unshared, marker(NOTES, "ElementNote"))));
        // The draft linked to the published one (confirmed: an analyst made it), with a note.
        created(send("POST", "/api/v1/incidents/" + published + "/links", analyst, """
                {"toIncident": "%s", "type": "same-operation", "intervalMinutes": 10, "note": "%s"}
                """.formatted(draft, marker(NOTES, "IncidentLinkNote"))));
        for (String[] step : new String[][] { { "review", analyst }, { "verify", reviewer }, { "publish", reviewer } }) {
            Answer done = send("POST", "/api/v1/incidents/" + published + "/" + step[0], step[1], null);
            assertThat(done.status()).as(step[0] + " " + done.text()).isEqualTo(200);
        }
        String report = created(send("POST", "/api/v1/reports", analyst, """
                {"title": {"en": "The Massacre of Al Qouriyah"}, "incidentIds": ["%s"]}""".formatted(published)));
        assertThat(send("POST", "/api/v1/reports/" + report + "/publish", reviewer, null).status()).isEqualTo(200);

        // Casualty records: of the published incident with and without the family's consent, of the draft, of none
        // (in governorate SY02, away from the other system tests' published records in SY09).
        String victim = """
                {"incidentId": %s, "names": {"fullNameLatin": "%s"}, "sex": "female", "age": {"years": 9},
                 "outcome": "killed", "status": "civilian", "date": {"on": "2016-06-25", "precision": "day"},
                 "place": {"adminPcodes": ["%s"]}, "residence": {"name": {"en": "%s"}}, "documentationLevel": "corroborated",
                 "sources": [{"type": "family-member", "reference": "%s", "independent": true}],
                 "consent": {"publishName": %s, "notes": "%s"},
                 "relativesContact": [{"name": "Her uncle", "relation": "uncle", "contact": "%s"}],
                 "sourceSystem": "matrix", "externalId": "%s"}""";
        String consented = created(send("POST", "/api/v1/casualties", analyst, victim.formatted("\"" + published + "\"",
                "Named Victim " + tag, "SY02", marker(NOTES, "Residence"), marker(NOTES, "SourceReference"), true,
                marker(NOTES, "CasualtyConsentNote"), marker(RELATIVES, "Contact"), marker(SOURCE_IDS, "ExternalId"))));
        String unconsented = created(send("POST", "/api/v1/casualties", analyst, victim.formatted("\"" + published + "\"",
                marker(NAMES, "Name"), "SY02", "Al Qouriyah", "interview", false, "", "none", "matrix-2-" + tag)));
        String ofDraft = created(send("POST", "/api/v1/casualties", analyst, victim.formatted("\"" + draft + "\"",
                marker(DRAFTS, "DraftVictim"), draftArea, "Al Qouriyah", "interview", true, "", "none", "matrix-3-" + tag)));
        mark(DRAFTS, ofDraft);
        String ofNone = created(send("POST", "/api/v1/casualties", analyst, victim.formatted("null",
                marker(DRAFTS, "VictimOfNoIncident"), "SY02", "Al Qouriyah", "interview", true, "", "none", "matrix-4-" + tag)));
        mark(DRAFTS, ofNone);
        // A reviewer's decision that two of them are different people, with a note.
        Answer decided = send("PUT", "/api/v1/casualties/" + consented + "/duplicate-candidates/" + unconsented + "/decision",
                reviewer, "{\"decision\": \"different\", \"note\": \"%s\"}".formatted(marker(NOTES, "DuplicateDecisionNote")));
        assertThat(decided.status()).as(decided.text()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/casualty-counts/" + draft + "/reported", analyst, """
                {"source": "%s", "asOf": "2016-06-27", "figures": {"killed": {"min": 3}}}
                """.formatted(marker(DRAFTS, "DraftReportedSource"))).status()).isEqualTo(201);

        // A photo cleared for sharing (its name, GPS, camera and acquisition protected), linked to both incidents,
        // verified with notes; and a document never cleared.
        Answer photo = upload(analyst, "image/jpeg", photo(), "X-File-Name", marker(ORIGINALS, "FileName") + ".jpg",
                "X-Acquisition-Method", "direct-from-witness", "X-Acquired-By", marker(ORIGINALS, "AcquiredBy"),
                "X-Source-Url", "https://example.org/" + marker(ORIGINALS, "SourceUrl"));
        String photoId = created(photo);
        mark(ORIGINALS, "33.9876"); // the latitude, however its degrees, minutes and seconds convert back
        link(analyst, photoId, "incident", published, marker(NOTES, "MediaLinkReason"));
        link(analyst, photoId, "incident", draft, "the later strike");
        Answer verified = send("PUT", "/api/v1/media/" + photoId + "/verification", reviewer, """
                {"status": "verified", "methods": ["geolocation"], "notes": "%s"}""".formatted(marker(NOTES, "VerificationNote")),
                "If-Match", etagOf(analyst, "/api/v1/media/" + photoId));
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        Answer cleared = send("PUT", "/api/v1/media/" + photoId + "/sensitivity", reviewer,
                "{\"graphic\": false, \"protectedPersonsVisible\": false, \"consent\": \"not-needed\", \"clearedForSharing\": true}",
                "If-Match", etagOf(analyst, "/api/v1/media/" + photoId));
        assertThat(cleared.status()).as(cleared.text()).isEqualTo(200);
        String document = created(upload(analyst, "application/pdf", pdf("matrix " + tag), "X-File-Name", "scan.pdf"));
        mark(UNCLEARED, document);
        link(analyst, document, "incident", published, "a scan");
        String upload = created(send("POST", "/api/v1/media/uploads", analyst,
                "{\"totalBytes\": 1000, \"fileName\": \"later.mp4\", \"contentType\": \"video/mp4\"}"));

        // An import by the fixture's organisation, one of whose rows is refused quoting its value.
        Answer started = send("POST", "/api/v1/casualty-imports", "X-API-Key " + fixtureIngestKey,
                "sex,outcome,status,documentation_level,full_name_latin\nfemale,killed,civilian,reported,Row " + tag + "\n"
                        + marker(IMPORTS, "RowValue") + ",killed,civilian,reported,Refused " + tag + "\n",
                "Content-Type", "text/csv");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String job = Api.JSON.readTree(started.text()).path("id").asText();
        awaitAnswer("/api/v1/casualty-imports/" + job, analyst, text -> text.contains("\"completed\""));
        // The services learn the incident's publication from its events: wait until they have.
        awaitAnswer("/api/v1/casualty-counts/" + published, "X-API-Key " + partnerKey, text -> text.contains("\"named\""));
        awaitAnswer("/api/v1/media/" + photoId, "X-API-Key " + partnerKey, text -> text.contains(photoId));

        pathValues.put("incidents/{id}", List.of(published, draft));
        pathValues.put("incidents/{incidentId}", List.of(published, draft));
        pathValues.put("testimonies/{id}", List.of(shared, unshared));
        pathValues.put("legal-qualifications/{id}", List.of(qualification));
        pathValues.put("casualties/{id}", List.of(consented, unconsented, ofDraft, ofNone));
        pathValues.put("duplicate-candidates/{candidateId}", List.of(unconsented));
        pathValues.put("casualty-counts/{incidentId}", List.of(published, draft));
        pathValues.put("casualty-imports/{id}", List.of(job));
        pathValues.put("media/{id}", List.of(photoId, document));
        pathValues.put("derivatives/{kind}", List.of("thumbnail", "preview"));
        pathValues.put("uploads/{id}", List.of(upload));
        pathValues.put("reports/{id}", List.of(report));
        // Each service's dead letters (admins only): reasons and event ids, never an event's data.
        pathValues.put("dead-letters/{service}", List.of("incident-service", "casualty-service", "media-service"));
        pathValues.put("thesauri/{vocabulary}", List.of("party"));
        pathValues.put("api-keys/{id}", List.of(keyIdOf(admin, partnerKey)));
        probes.put("incidentId", List.of(published, draft));
        probes.put("casualtyId", List.of(unconsented, ofDraft));
        probes.put("q", List.of(markersOfRow.get(DRAFTS).iterator().next()));
        probes.put("name", List.of(first(NAMES), "DraftVictim"));
        probes.put("status", List.of("draft"));
        probes.put("uploadedBy", List.of("system-analyst"));
        probes.put("variant", List.of("original", "preview"));
        probes.put("groupBy", List.of("governorate,sex", "month,outcome"));
        probes.put("governorate", List.of(draftArea));
        probes.put("hxl", List.of("true"));
        probes.put("pcode", List.of("SY09"));
        probes.put("limit", List.of("500"));

        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("partner", "X-API-Key " + partnerKey);
        credentials.put("ingest", "X-API-Key " + otherIngestKey);
        credentials.put("analyst", analyst);
        credentials.put("reviewer", reviewer);
        credentials.put("admin", admin);
        return credentials;
    }

    private String first(String row) {
        return markersOfRow.get(row).iterator().next();
    }

    // ---- the requests ----

    /** One GET operation with its path filled in and, at most, one probed query parameter. */
    private record Request(String path, Map<String, String> query, boolean feed) {
    }

    private record Answer(String url, int status, String text) {
    }

    /** Every GET operation of the merged OpenAPI document, with each fixture value of its parameters. */
    private List<Request> requests() throws Exception {
        JsonNode openApi = Api.JSON.readTree(fetch(gateway() + "/openapi", null).text());
        List<Request> requests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode() || !path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            Map<String, String> required = new LinkedHashMap<>();
            List<String> optional = new ArrayList<>();
            boolean feed = false;
            for (JsonNode parameter : get.path("parameters")) {
                String name = parameter.path("name").asText();
                if (!"query".equals(parameter.path("in").asText())) {
                    continue;
                }
                feed |= name.equals("since");
                if (parameter.path("required").asBoolean()) {
                    assertThat(probes).as("a value for the required parameter " + name + " of " + path.getKey())
                            .containsKey(name);
                    required.put(name, probes.get(name).get(0));
                } else if (probes.containsKey(name)) {
                    optional.add(name);
                }
            }
            for (String filled : filledPaths(path.getKey())) {
                requests.add(new Request(filled, required, feed));
                for (String name : optional) {
                    for (String value : probes.get(name)) {
                        Map<String, String> query = new LinkedHashMap<>(required);
                        query.put(name, value);
                        requests.add(new Request(filled, query, feed));
                    }
                }
            }
        }
        assertThat(requests).hasSizeGreaterThan(40);
        return requests;
    }

    /** The path with every combination of the fixture's values of its parameters. */
    private List<String> filledPaths(String template) {
        Matcher parameter = Pattern.compile("([^/]+)/\\{([^}]+)}").matcher(template);
        if (!parameter.find()) {
            return List.of(template);
        }
        String kind = parameter.group(1) + "/{" + parameter.group(2) + "}";
        List<String> values = pathValues.get(kind);
        assertThat(values).as("the fixture has no " + kind + " for " + template + ": add one to DisclosureMatrixTest#fixture")
                .isNotNull();
        List<String> filled = new ArrayList<>();
        for (String value : values) {
            String once = template.substring(0, parameter.start(2) - 1) + value + template.substring(parameter.end(2) + 1);
            filled.addAll(filledPaths(once));
        }
        return filled;
    }

    /** The request's answers, following `next` through the pages of a list or feed. */
    private List<Answer> ask(Request request, String credential) throws Exception {
        List<Answer> answers = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>(request.query());
        for (int page = 0; page < 40; page++) {
            StringBuilder url = new StringBuilder(gateway()).append(request.path());
            String separator = "?";
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                url.append(separator).append(parameter.getKey()).append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = "&";
            }
            Answer answer = fetch(url.toString(), credential);
            answers.add(answer);
            if (answer.status() != 200 || !answer.text().startsWith("{")) {
                break;
            }
            JsonNode body = Api.JSON.readTree(answer.text());
            if (!body.path("items").isArray() || body.path("items").isEmpty() || !body.path("next").isTextual()) {
                break;
            }
            query.put(request.feed() ? "since" : "cursor", body.path("next").asText());
        }
        return answers;
    }

    /** A GET as text: ZIPs are opened and their entries' bytes read, other binary answers read as Latin-1. */
    private static Answer fetch(String url, String credential) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (credential != null) {
            int space = credential.indexOf(' ');
            request.header(credential.startsWith("Bearer ") ? "Authorization" : credential.substring(0, space),
                    credential.startsWith("Bearer ") ? credential : credential.substring(space + 1));
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        String text;
        if (type.startsWith("application/zip")) {
            StringBuilder entries = new StringBuilder();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    entries.append(entry.getName()).append('\n')
                            .append(new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
            text = entries.toString();
        } else {
            text = new String(response.body(), type.contains("json") || type.startsWith("text/") ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1);
        }
        return new Answer(url, response.statusCode(), text);
    }

    // ---- writing the fixture ----

    private static Answer send(String method, String path, String credential, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equals("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request, credential);
    }

    private static Answer upload(String credential, String type, byte[] bytes, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway() + "/api/v1/media"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return exchange(request, credential);
    }

    private static Answer exchange(HttpRequest.Builder request, String credential) throws Exception {
        if (credential.startsWith("Bearer ")) {
            request.header("Authorization", credential);
        } else {
            request.header("X-API-Key", credential.substring("X-API-Key ".length()));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.uri().toString(), response.statusCode(), response.body());
    }

    private static String created(Answer answer) throws IOException {
        assertThat(answer.status()).as(answer.url() + ": " + answer.text()).isIn(200, 201);
        return Api.JSON.readTree(answer.text()).path("id").asText();
    }

    private static String created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private static String apiKey(String admin, String name, String organisation, String role) throws Exception {
        Answer created = send("POST", "/api/v1/admin/api-keys", admin, """
                {"name": "%s", "organisation": "%s", "roles": ["%s"], "rateLimit": {"capacity": 100000, "period": "PT1M"}}
                """.formatted(name, organisation, role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return Api.JSON.readTree(created.text()).path("key").asText();
    }

    private static String keyIdOf(String admin, String secret) throws Exception {
        JsonNode keys = Api.JSON.readTree(send("GET", "/api/v1/admin/api-keys?limit=500&status=active", admin, null).text());
        for (JsonNode key : keys.path("items")) {
            if (secret.startsWith(key.path("keyPrefix").asText())) {
                return key.path("id").asText();
            }
        }
        throw new AssertionError("no key for the secret");
    }

    private static void link(String credential, String mediaId, String type, String target, String reason) throws Exception {
        String body = "{\"targetType\": \"%s\", \"targetId\": \"%s\", \"reason\": \"%s\"}".formatted(type, target, reason);
        // Refused (400) until media-service has learnt of the incident from its event.
        Answer linked = await("media " + mediaId + " linked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("POST", "/api/v1/media/" + mediaId + "/links", credential, body), answer -> answer.status() != 400);
        assertThat(linked.status()).as(linked.text()).isEqualTo(201);
    }

    private static String etagOf(String credential, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway() + path)).GET();
        request.header("Authorization", credential);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
    }

    private static void awaitAnswer(String path, String credential, Predicate<String> done) throws Exception {
        await("ready: " + path).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> fetch(gateway() + path, credential), answer -> answer.status() == 200 && done.test(answer.text()));
    }

    /** A photo whose EXIF names the camera and holds a GPS position, both markers of the originals' row. */
    private byte[] photo() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x7a6f5a));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(Math.abs(tag.hashCode()) & 0xffffff));
        g.fillOval(100, 100, 300, 200);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, marker(ORIGINALS, "Camera"));
        exif.setGpsInDegrees(41.123456, 33.987654);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), tagged, exif);
        return tagged.toByteArray();
    }

    private static byte[] pdf(String text) {
        String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
                + "4 0 obj << /Length " + content.length() + " >> stream\n" + content + "\nendstream endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
