package org.shahed.casualty.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.shahed.casualty.record.BulkCasualties;

/**
 * A batch's place in its job when the job's batches are written by several transactions at once. Each batch takes
 * the two contended steps of {@link BulkCasualties#write} after the batch before it:
 * <ul>
 * <li>the source-record locks, so that when two batches hold rows of one source record, the earlier batch writes
 * first and the later row wins, as it would one by one;</li>
 * <li>the changes-feed positions, after which the batch waits for the previous one to have committed, and gives up
 * if it failed, so that batches commit in file order and a resumed job's "rows read" never passes a row that was
 * not written.</li>
 * </ul>
 * What a batch writes before its positions (its history and its events) overlaps the previous batch's records.
 * Waits only ever point to earlier batches, which never wait for later ones, so the chain cannot deadlock.
 */
final class BatchTurn implements BulkCasualties.Turn {
    private final BatchTurn previous;
    private final CompletableFuture<Void> locked = new CompletableFuture<>();
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private BatchTurn(BatchTurn previous) {
        this.previous = previous;
    }

    /** The turn of a job's first batch (in this run of it). */
    static BatchTurn first() {
        return new BatchTurn(null);
    }

    /** The turn of the batch after this one. */
    BatchTurn next() {
        return new BatchTurn(this);
    }

    @Override
    public <T> T lockSourceRecords(Supplier<T> lock) {
        awaitPrevious(p -> p.locked);
        if (previous != null && previous.done.isCompletedExceptionally()) {
            awaitPrevious(p -> p.done); // gives up early, with the failure
        }
        T result = lock.get();
        locked.complete(null);
        return result;
    }

    @Override
    public <T> T takeFeedPositions(Supplier<T> take) {
        awaitPrevious(p -> p.positioned);
        T positions = take.get();
        positioned.complete(null);
        awaitPrevious(p -> p.done);
        return positions;
    }

    /** The batch's transaction has committed (null) or failed: later batches may go on, or must give up. */
    void ended(Throwable failure) {
        if (failure == null) {
            locked.complete(null);
            positioned.complete(null);
            done.complete(null);
        } else {
            IllegalStateException abandoned = new IllegalStateException("an earlier batch failed", failure);
            locked.completeExceptionally(abandoned);
            positioned.completeExceptionally(abandoned);
            done.completeExceptionally(abandoned);
        }
    }

    private void awaitPrevious(Function<BatchTurn, CompletableFuture<Void>> step) {
        if (previous == null) {
            return;
        }
        try {
            step.apply(previous).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the previous batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the previous batch failed, so this one is not written", e.getCause());
        }
    }
}
