package org.shahed.testing;

import static io.restassured.RestAssured.given;

/** The application's /q/metrics as a test reads them (Prometheus text). */
public final class Metrics {
    private Metrics() {
    }

    /** Everything scraped now. */
    public static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series, e.g. {@code shahed_outbox_pending} or {@code name{tag="value"}}, scraped now. */
    public static double value(String series) {
        String scraped = scrape();
        return scraped.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in /q/metrics, only "
                        + scraped.lines().filter(line -> line.startsWith("shahed_")).toList()));
    }
}
