package org.shahed.casualty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.shahed.casualty.record.CasualtyInput;
import org.shahed.casualty.record.Casualties;
import org.shahed.testing.Tokens;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The changes feed when writers do not wait for each other: transactions that take their place early and commit
 * late, interleaved with short ones, and a reader following the feed meanwhile. Every change reaches the reader,
 * once, whatever the order of commits.
 */
@QuarkusTest
class ChangesFeedOrderTest {
    @Inject
    Casualties casualties;
    @Inject
    ObjectMapper json;

    @Test
    void aChangeThatCommitsLateIsNotPassedByAReaderWhoSawLaterOnes() throws Exception {
        UUID incident = UUID.randomUUID();
        String cursor = end(null);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<UUID> early = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            UUID id = casualties.write(input(incident, "Early Writer"), "analyst", "shahed").casualty().id;
            written.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue(); // commits after the short writers
            return id;
        }));
        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        // Short writers into the same incident, after the long one took its place: they are not kept waiting (not
        // for a feed position, nor for the incident's counts or the rollup's cells), and commit first.
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(DedupeSearchSyncTest.create(DedupeSearchSyncTest.person(incident, "Later Writer " + i, null,
                    "Khalaf", "male", 30 + i, "family-member", true)));
        }
        // A reader now: it must not move past the long writer's place, or that change would never reach it.
        List<String> seen = new ArrayList<>();
        cursor = read(cursor, seen);
        release.countDown();
        String earlyId = early.get(30, TimeUnit.SECONDS).toString();
        read(cursor, seen);
        List<String> ours = seen.stream().filter(id -> id.equals(earlyId) || later.contains(id)).toList();
        assertThat(ours).containsExactlyInAnyOrder(earlyId, later.get(0), later.get(1), later.get(2));
        assertThat(ours.get(0)).as("the change that took its place first comes first").isEqualTo(earlyId);
    }

    @Test
    void aReaderFollowingConcurrentLongAndShortWritersReceivesEveryChangeOnce() throws Exception {
        String start = end(null);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                UUID incident = UUID.randomUUID();
                writers.add(pool.submit(() -> {
                    Random random = new Random(writer);
                    for (int t = 0; t < 12; t++) {
                        int records = 1 + random.nextInt(3);
                        long hold = random.nextInt(4) == 0 ? 50 + random.nextInt(150) : 0; // one in four is long
                        List<String> ids = QuarkusTransaction.requiringNew().call(() -> {
                            List<String> mine = new ArrayList<>();
                            for (int r = 0; r < records; r++) {
                                mine.add(casualties.write(input(incident, "Writer " + writer + " " + mine.size()),
                                        "analyst", "shahed").casualty().id.toString());
                                Thread.sleep(hold / records);
                            }
                            return mine;
                        });
                        written.addAll(ids);
                    }
                    return null;
                }));
            }
            Future<List<String>> reader = pool.submit(() -> {
                List<String> seen = new ArrayList<>();
                String cursor = start;
                while (writing.get()) {
                    cursor = read(cursor, seen);
                    Thread.sleep(5);
                }
                read(cursor, seen);
                return seen;
            });
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<String> ours = reader.get(1, TimeUnit.MINUTES).stream().filter(written::contains).toList();
            assertThat(ours).hasSameSizeAs(written).containsExactlyInAnyOrderElementsOf(written);
        } finally {
            pool.shutdownNow();
        }
    }

    private CasualtyInput input(UUID incident, String name) throws Exception {
        return json.readValue(DedupeSearchSyncTest.person(incident, name, null, "Khalaf", "male", 40, "family-member",
                true), CasualtyInput.class);
    }

    /** Reads the feed from {@code cursor} to its end, adding each record's id to {@code seen}; the cursor after it. */
    private static String read(String cursor, List<String> seen) {
        while (true) {
            var request = given().header("Authorization", Tokens.bearer("analyst")).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/casualties/changes").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next");
            if (!page.getBoolean("hasMore")) {
                return cursor;
            }
        }
    }

    private static String end(String cursor) {
        return read(cursor, new ArrayList<>());
    }
}
