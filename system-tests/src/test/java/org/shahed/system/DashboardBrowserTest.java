package org.shahed.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The reference dashboard in a real browser (Debian's headless Chromium) on the Al Qouriyah case: the page is served
 * from an origin of its own and calls the gateway cross-origin with a partner's API key, as a front-end team's page
 * would. Every answer the page receives passes through a recording proxy, so that what a partner's browser holds,
 * in its page and on the wire, can be searched for protected fields. Screenshots of each view go to
 * target/dashboard/ (the README shows them).
 */
@ExtendWith(RunningSuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    /** The browser origin the local configuration lets call the gateway (shahed.gateway.cors-origins). */
    private static final int PAGE_PORT = 3000;
    private static final String PAGE = "http://localhost:" + PAGE_PORT + "/";
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A governorate code of this test's own (no other test uses SY7x), where two victims are too few to show. */
    private static final String SMALL_AREA = "SY7" + (int) (Math.random() * 10);

    private static AlQouriyahDemo.Case demo;
    /** A published incident whose place is known only to within 8 km, with two victims in {@link #SMALL_AREA}. */
    private static String approximate;
    private static RecordingProxy gateway;
    private static HttpServer page;
    private static ChromeDriver browser;
    private static String partnerKey;
    /** The page's DOM after each view was drawn. */
    private static final List<String> pagesSeen = new ArrayList<>();

    @BeforeAll
    static void openTheDashboardWithAPartnerKey() throws Exception {
        demo = AlQouriyahDemo.load();
        approximate = publishAnApproximateIncident();
        String missing = installChromium();
        Assumptions.assumeTrue(missing == null, () -> "Browser tests skipped: " + missing);
        partnerKey = CliTest.key("partner", null);
        gateway = RecordingProxy.to(RunningSuite.suite().url("gateway"));
        page = servePage(gateway.url());
        browser = chromium();
        Files.createDirectories(SCREENSHOTS);

        browser.get(PAGE);
        WebElement url = browser.findElement(By.id("gateway-url"));
        url.clear();
        url.sendKeys(gateway.url());
        browser.findElement(By.cssSelector("input[name=kind][value=key]")).click();
        browser.findElement(By.id("credential")).sendKeys(partnerKey);
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (page != null) {
            page.stop(0);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void theGatewayServesThePageWithAContentSecurityPolicy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = RunningSuite.suite().url("gateway");
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("dashboard.js", "vendor/dist/echarts.min.js");
        assertThat(index.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        HttpResponse<Void> bare = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(bare.statusCode()).isIn(301, 302, 303, 307, 308);
        assertThat(bare.headers().firstValue("Location")).get().asString().endsWith("/dashboard/");
        HttpResponse<Void> library = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/vendor/dist/echarts.min.js"))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(library.statusCode()).as("the chart library is bundled, not fetched from a CDN").isEqualTo(200);
    }

    @Test
    @Order(2)
    void theMapShowsTheIncidentAtItsPlace() throws Exception {
        assertThat(browser.findElement(By.id("identity")).getText()).contains("partner");
        open("#/map", By.cssSelector("#map-table tr[data-incident-id='" + demo.firstStrike() + "']"));
        JsonNode feature = publishedFeature(demo.firstStrike());
        double longitude = feature.at("/geometry/coordinates/0").asDouble();
        double latitude = feature.at("/geometry/coordinates/1").asDouble();
        @SuppressWarnings("unchecked")
        Map<String, Object> drawn = (Map<String, Object>) script("""
                const chart = echarts.getInstanceByDom(document.getElementById('map-chart'));
                const point = chart.getOption().series.flatMap(s => s.data).find(d => d.id === arguments[0]);
                if (!point) return null;
                const pixel = chart.convertToPixel({geoIndex: 0}, point.value.slice(0, 2));
                return {longitude: point.value[0], latitude: point.value[1], x: pixel[0], y: pixel[1],
                        onTheCountry: chart.containPixel({geoIndex: 0}, pixel)};""", demo.firstStrike());
        assertThat(drawn).as("the incident is drawn on the map").isNotNull();
        assertThat(((Number) drawn.get("longitude")).doubleValue()).isEqualTo(longitude);
        assertThat(((Number) drawn.get("latitude")).doubleValue()).isEqualTo(latitude);
        assertThat(drawn.get("onTheCountry")).as("drawn within Syria's outline").isEqualTo(true);
        // The shipped outline puts the place in Deir-ez-Zor, the governorate the incident names.
        assertThat(feature.at("/properties/precisionMetres").asInt()).isEqualTo(500);
        assertThat(governorateOf(longitude, latitude)).isEqualTo("SY09");
        WebElement row = browser.findElement(By.cssSelector("#map-table tr[data-incident-id='" + demo.firstStrike() + "']"));
        assertThat(row.getText()).contains("Al Qouriyah", "62", "± 500 m");
        screenshot("map");
    }

    @Test
    @Order(3)
    void anApproximateLocationIsDrawnAsAnArea() throws Exception {
        open("#/map", By.cssSelector("#map-table tr[data-incident-id='" + approximate + "']"));
        Object area = script("""
                const chart = echarts.getInstanceByDom(document.getElementById('map-chart'));
                const series = chart.getOption().series;
                const drawnAs = type => series.filter(s => s.type === type).flatMap(s => s.data).find(d => d.id === arguments[0]);
                return {area: drawnAs('custom')?.value[2] ?? null, point: drawnAs('scatter') != null};""", approximate);
        assertThat(area).isEqualTo(Map.of("area", 8000L, "point", false));
        assertThat(browser.findElement(By.cssSelector("#map-table tr[data-incident-id='" + approximate + "']")).getText())
                .contains("approximate, ± 8,000 m");
    }

    @Test
    @Order(4)
    void theMonthChartShowsTheAggregateRangeForJune2016() throws Exception {
        By june = By.cssSelector("#table-month tr[data-key='2016-06'] td.named");
        open("#/charts", june);
        JsonNode aggregate = Api.withKey("GET", RunningSuite.suite().url("gateway")
                + "/api/v1/casualty-aggregates?groupBy=month&outcome=killed", partnerKey, null).body();
        JsonNode cell = null;
        for (JsonNode item : aggregate.path("items")) {
            if (item.at("/key/month").asText().equals("2016-06")) {
                cell = item;
            }
        }
        assertThat(cell).as(aggregate.toString()).isNotNull();
        WebElement shown = browser.findElement(june);
        assertThat(shown.getAttribute("data-min")).isEqualTo(cell.at("/count/min").asText());
        assertThat(shown.getAttribute("data-max")).isEqualTo(cell.at("/count/max").asText());
        assertThat(cell.at("/count/min").asInt()).isGreaterThanOrEqualTo(62);
        WebElement reported = browser.findElement(By.cssSelector("#table-month tr[data-key='2016-06'] td.reported"));
        assertThat(Integer.parseInt(reported.getAttribute("data-min"))).as("SNHR's 62 among the reported").isGreaterThanOrEqualTo(62);
        assertThat(browser.findElements(By.cssSelector("#table-age-sex tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#table-governorate tr[data-key='SY09']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#table-perpetrator tr[data-key='russian-forces']"))).hasSize(1);
        // Two victims in an area are too few to publish: the cell says so instead of a number.
        assertThat(browser.findElement(By.cssSelector("#table-governorate tr[data-key='" + SMALL_AREA + "'] td.named"))
                .getText()).isEqualTo("suppressed");
        screenshot("charts");
    }

    @Test
    @Order(5)
    void theIncidentListFindsTheStrikesInArabicAndInEnglish() throws Exception {
        By first = By.cssSelector("#incident-list li[data-incident-id='" + demo.firstStrike() + "']");
        open("#/incidents", By.cssSelector("#incident-list li"));
        search("القورية", first);
        search("Qouriyah", first);
        assertThat(browser.findElements(By.cssSelector("#incident-list li[data-incident-id='" + demo.secondStrike() + "']"))).hasSize(1);
        // Filters by thesaurus codes, chosen by their labels.
        new Select(browser.findElement(By.id("adminCode"))).selectByVisibleText("Deir-ez-Zor");
        new Select(browser.findElement(By.id("attribution"))).selectByValue("fair");
        search("Qouriyah", first);
        assertThat(browser.getCurrentUrl()).contains("adminCode=SY09", "attribution=fair");
        screenshot("incidents");
    }

    @Test
    @Order(6)
    void theIncidentPageShowsTheCaseNamedAndReported() throws Exception {
        open("#/incidents/" + demo.firstStrike(), By.cssSelector("#counts tr[data-figure='killed'] td.named"));
        assertThat(figure("killed", "named")).containsExactly("62");
        assertThat(figure("children", "named")).containsExactly("30");
        assertThat(figure("women", "named")).containsExactly("20");
        assertThat(figure("killed", "reported")).containsExactly("62");
        assertThat(figure("children", "reported")).containsExactly("30");
        assertThat(figure("women", "reported")).containsExactly("20");
        String text = browser.findElement(By.id("view-incident")).getText();
        assertThat(text).contains("First strike on Al Ta'es neighbourhood", "Second strike on Al Ta'es neighbourhood",
                "ISIS", "Abu Ahmad", "8(2)(c)(i)", "The perpetrator killed one or more persons", "MED-");
        assertThat(browser.findElements(By.cssSelector("#dossier-linked li[data-link-type='follow-up-strike'] a"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#dossier-perpetrators [data-party='russian-forces'] .badge"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#dossier-legal li.element .established"))).isNotEmpty();
        screenshot("incident");
    }

    @Test
    @Order(7)
    void arabicTurnsTheLayoutRightToLeft() throws Exception {
        browser.findElement(By.id("language")).click();
        await().until(driver -> "rtl".equals(browser.findElement(By.tagName("html")).getAttribute("dir")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        await().until(driver -> browser.findElement(By.id("view-incident")).getText().contains("مجزرة القورية"));
        assertThat(browser.findElement(By.cssSelector("#counts tr[data-figure='killed'] td.named")).getText())
                .as("numbers in Arabic digits").isEqualTo("٦٢");
        assertThat(script("return getComputedStyle(document.body).direction")).isEqualTo("rtl");
        pagesSeen.add(browser.getPageSource());
        screenshot("incident-ar");
        open("#/charts", By.cssSelector("#table-month tr[data-key='2016-06'] td.named"));
        screenshot("charts-ar");
        browser.findElement(By.id("language")).click();
        await().until(driver -> "ltr".equals(browser.findElement(By.tagName("html")).getAttribute("dir")));
    }

    @Test
    @Order(8)
    void onAPhoneThePagesFitTheScreenAndEveryControlHasALabel() throws Exception {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String view : List.of("#/map", "#/charts", "#/incidents", "#/incidents/" + demo.firstStrike())) {
                browser.get(PAGE + view);
                await().until(driver -> browser.findElements(By.cssSelector("main > :not([hidden])")).size() == 1
                        && !browser.findElement(By.cssSelector("main > :not([hidden])")).getText().isBlank());
                Thread.sleep(500);
                long overflow = (Long) script("return document.documentElement.scrollWidth - window.innerWidth");
                Object beyond = script("""
                        return [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                            .slice(-3).map(e => e.tagName + '#' + e.id + '.' + e.className);""");
                assertThat(overflow).as("horizontal overflow on " + view + ": " + beyond).isLessThanOrEqualTo(0);
            }
            screenshot("phone-incident");
        } finally {
            browser.manage().window().setSize(desktop);
        }
        Object unlabelled = script("""
                return [...document.querySelectorAll('input, select, textarea')]
                    .filter(e => e.type !== 'hidden' && !e.labels?.length && !e.getAttribute('aria-label'))
                    .map(e => e.id || e.name);""");
        assertThat((List<?>) unlabelled).as("form controls without a label").isEmpty();
    }

    @Test
    @Order(9)
    void noProtectedFieldReachedThePageOrTheWireAndTheConsoleStayedClean() {
        List<RecordingProxy.Exchange> exchanges = gateway.exchanges();
        assertThat(exchanges).extracting(RecordingProxy.Exchange::path).anyMatch(path -> path.contains("/dossier"))
                .anyMatch(path -> path.contains("export.geojson")).anyMatch(path -> path.contains("casualty-aggregates"));
        for (RecordingProxy.Exchange exchange : exchanges) {
            assertThat(exchange.status()).as(exchange.method() + " " + exchange.path()).isLessThan(400);
            for (String secret : AlQouriyahDemo.PROTECTED) {
                assertThat(exchange.body()).as(exchange.path()).doesNotContain(secret);
            }
        }
        assertThat(pagesSeen).hasSizeGreaterThanOrEqualTo(5);
        for (String dom : pagesSeen) {
            for (String secret : AlQouriyahDemo.PROTECTED) {
                assertThat(dom).doesNotContain(secret);
            }
        }
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("console errors").isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The first strike's facts, placed only to within 8 km, published, with two women killed in SMALL_AREA. */
    private static String publishAnApproximateIncident() throws Exception {
        RunningSuite.Suite suite = RunningSuite.suite();
        String gatewayUrl = suite.url("gateway");
        JsonNode facts = JSON.readTree(Path.of("").toAbsolutePath().getParent().resolve("deploy/demo/first-strike.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) facts.path("title")).put("en", "Shelling on the outskirts of Al Mayadin");
        ((com.fasterxml.jackson.databind.node.ObjectNode) facts.path("location")).put("precisionMetres", 8000)
                .put("latitude", 35.05).put("longitude", 40.40).remove("neighbourhood");
        Api.Reply created = Api.send("POST", gatewayUrl + "/api/v1/incidents", suite.token("analyst"), facts.toString());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("id").asText();
        for (String action : List.of("review", "verify", "publish")) {
            Api.Reply step = Api.send("POST", gatewayUrl + "/api/v1/incidents/" + id + "/" + action,
                    suite.token(action.equals("review") ? "analyst" : "reviewer"), null);
            assertThat(step.status()).as(action + " " + step.body()).isLessThan(300);
        }
        String victim = null;
        for (int n = 0; n < 2; n++) {
            Api.Reply recorded = Api.send("POST", gatewayUrl + "/api/v1/casualties", suite.token("analyst"), """
                    {"incidentId": "%s", "sex": "female", "age": {"years": 35}, "outcome": "killed", "status": "civilian",
                     "date": {"on": "2016-06-25", "precision": "day"}, "place": {"adminPcodes": ["%s"]},
                     "documentationLevel": "reported"}""".formatted(id, SMALL_AREA));
            assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
            victim = recorded.body().path("id").asText();
        }
        Api.awaitBody(gatewayUrl + "/api/v1/casualties/" + victim, suite.token("analyst"),
                body -> "published".equals(body.path("incidentStatus").asText()), Duration.ofSeconds(60));
        return id;
    }

    private static WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static Object script(String body, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(body, arguments);
    }

    /** Goes to a view and waits until {@code ready} is on the page; keeps the page's DOM for the final check. */
    private static void open(String fragment, By ready) {
        browser.get(PAGE + fragment);
        await().until(ExpectedConditions.presenceOfElementLocated(ready));
        pagesSeen.add(browser.getPageSource());
    }

    private static void search(String words, By expected) {
        WebElement query = browser.findElement(By.id("q"));
        query.clear();
        query.sendKeys(words);
        browser.findElement(By.cssSelector("#incident-filters button[type=submit]")).click();
        await().until(driver -> browser.getCurrentUrl().contains("q=")
                && !browser.findElements(expected).isEmpty());
        pagesSeen.add(browser.getPageSource());
    }

    private static List<String> figure(String name, String kind) {
        return browser.findElements(By.cssSelector("#counts tr[data-figure='" + name + "'] td." + kind)).stream()
                .map(WebElement::getText).toList();
    }

    private static void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static JsonNode publishedFeature(String id) {
        JsonNode collection = Api.withKey("GET", RunningSuite.suite().url("gateway") + "/api/v1/incidents/export.geojson",
                partnerKey, null).body();
        for (JsonNode feature : collection.path("features")) {
            if (feature.at("/properties/id").asText().equals(id)) {
                return feature;
            }
        }
        throw new AssertionError("not in the partner's GeoJSON: " + id);
    }

    /** The code of the shipped governorate outline whose polygon holds the point (ray casting). */
    private static String governorateOf(double longitude, double latitude) throws IOException {
        JsonNode outline;
        try (InputStream in = DashboardBrowserTest.class.getResourceAsStream("/META-INF/resources/dashboard/syria-governorates.geojson")) {
            outline = JSON.readTree(in);
        }
        for (JsonNode feature : outline.path("features")) {
            JsonNode geometry = feature.path("geometry");
            List<JsonNode> polygons = new ArrayList<>();
            if (geometry.path("type").asText().equals("Polygon")) {
                polygons.add(geometry.path("coordinates"));
            } else {
                geometry.path("coordinates").forEach(polygons::add);
            }
            for (JsonNode polygon : polygons) {
                if (inside(polygon.get(0), longitude, latitude)) {
                    return feature.at("/properties/code").asText();
                }
            }
        }
        return null;
    }

    private static boolean inside(JsonNode ring, double x, double y) {
        boolean inside = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            double xi = ring.get(i).get(0).asDouble(), yi = ring.get(i).get(1).asDouble();
            double xj = ring.get(j).get(0).asDouble(), yj = ring.get(j).get(1).asDouble();
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Runs the project's installer for Debian's Chromium; null when it is there, else why not. */
    private static String installChromium() throws IOException, InterruptedException {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("system-tests/install-chromium.sh");
        Process install = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
            return "Chromium could not be installed: " + output.strip();
        }
        return null;
    }

    /** Headless Chromium without the background connections this machine's closed network would refuse. */
    private static ChromeDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-GB",
                "--user-data-dir=" + Files.createTempDirectory("shahed-chromium-"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * The dashboard's files from its jar, on an origin of their own, with the content-security policy a team would
     * give them there: scripts and styles from the page's origin only, API calls to the gateway only.
     */
    private static HttpServer servePage(String gatewayUrl) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PAGE_PORT), 0);
        String policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + gatewayUrl + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String file = path.equals("/") ? "index.html" : path.substring(1);
                try (InputStream in = file.contains("..") ? null
                        : DashboardBrowserTest.class.getResourceAsStream("/META-INF/resources/dashboard/" + file)) {
                    if (in == null) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] body = in.readAllBytes();
                    exchange.getResponseHeaders().add("Content-Type", contentType(file));
                    exchange.getResponseHeaders().add("Content-Security-Policy", policy);
                    exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
        return server;
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (file.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (file.endsWith(".geojson")) {
            return "application/geo+json";
        }
        return "application/octet-stream";
    }
}
