package org.shahed.casualty.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The order in which concurrently written batches take their contended steps. */
class BatchTurnTest {

    @Test
    void aBatchLocksAndTakesPositionsOnlyAfterTheOneBeforeItAndGoesOnOnlyOnceThatOneHasEnded() throws Exception {
        List<String> steps = new CopyOnWriteArrayList<>();
        BatchTurn first = BatchTurn.first();
        BatchTurn second = first.next();
        CountDownLatch firstMayLock = new CountDownLatch(1);

        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            second.lockSourceRecords(() -> steps.add("second locks"));
            second.takeFeedPositions(() -> {
                steps.add("second takes positions");
                return 1;
            });
            steps.add("second goes on");
        });
        // The second batch is ready first, and must wait.
        Awaitility.await("the second batch waits").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(steps::isEmpty);
        CompletableFuture<Void> earlier = CompletableFuture.runAsync(() -> {
            await(firstMayLock);
            first.lockSourceRecords(() -> steps.add("first locks"));
            first.takeFeedPositions(() -> {
                steps.add("first takes positions");
                return 1;
            });
            steps.add("first writes");
        });
        firstMayLock.countDown();
        earlier.get(5, TimeUnit.SECONDS);
        Awaitility.await("the second batch takes its positions").atMost(Duration.ofSeconds(5)).until(() -> steps.contains("second takes positions"));
        Awaitility.await("the second batch holds").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                .until(() -> !steps.contains("second goes on"));
        // The second batch locked after the first, and has taken its positions after it (in the database, that
        // waits for the first one's commit), but goes on only once the first batch says it has ended.
        assertThat(steps).contains("second takes positions").doesNotContain("second goes on");
        assertThat(steps.indexOf("second locks")).isGreaterThan(steps.indexOf("first locks"));
        assertThat(steps.indexOf("second takes positions")).isGreaterThan(steps.indexOf("first takes positions"));
        first.ended(null);
        later.get(5, TimeUnit.SECONDS);
        assertThat(steps).endsWith("second goes on");
    }

    @Test
    void whenABatchFailsTheOnesAfterItGiveUpWithoutWriting() {
        List<String> steps = new CopyOnWriteArrayList<>();
        BatchTurn first = BatchTurn.first();
        BatchTurn second = first.next();
        BatchTurn third = second.next();
        first.lockSourceRecords(() -> steps.add("first locks"));
        first.takeFeedPositions(() -> 1);
        first.ended(new IllegalStateException("database gone"));

        assertThatThrownBy(() -> second.lockSourceRecords(() -> steps.add("second locks")))
                .hasMessageContaining("previous batch failed").hasRootCauseMessage("database gone");
        second.ended(new IllegalStateException("gave up"));
        assertThatThrownBy(() -> third.lockSourceRecords(() -> steps.add("third locks")))
                .hasMessageContaining("previous batch failed");
        assertThat(steps).containsExactly("first locks");
    }

    @Test
    void aBatchThatFailsAfterItsPositionsStopsTheNextOneFromGoingOn() {
        BatchTurn first = BatchTurn.first();
        BatchTurn second = first.next();
        first.lockSourceRecords(() -> null);
        first.takeFeedPositions(() -> 1);
        second.lockSourceRecords(() -> null);
        first.ended(new IllegalStateException("commit failed"));
        assertThatThrownBy(() -> second.takeFeedPositions(() -> 2)).hasRootCauseMessage("commit failed");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
