package org.shahed.casualty;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** casualty-service's settings, with their defaults ({@code shahed.casualty.*}). */
@ConfigMapping(prefix = "shahed.casualty")
public interface CasualtyConfig {
    Imports imports();

    Aggregates aggregates();

    Retention retention();

    Counts counts();

    interface Counts {
        /**
         * How often a replica looks for incident counts due and rollup changes pending that no write of its own
         * woke it for (another replica's, or left by a replica that stopped); its own writes wake it at once.
         */
        @WithDefault("1s")
        Duration upkeepEvery();
    }

    interface Imports {
        /** How long a replica's claim on a job holds without being renewed (it renews every third of it). */
        @WithDefault("60s")
        Duration lease();

        /** How often an idle replica looks for jobs nobody holds (a new job here is looked for at once). */
        @WithDefault("2s")
        Duration pollInterval();

        /** Rows per transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * Batches written at once, each in its own transaction and connection: a batch's history and events are
         * written while the batch before it writes its records (see BatchTurn). 1 writes them one after the other.
         */
        @WithDefault("2")
        int writers();

        /**
         * An import that created at least this many records refreshes the table's planner statistics before it is
         * reported completed: until autovacuum does, the planner would take the table for its old size, and a
         * record's duplicate candidates, asked for right after the import, took ten times as long.
         */
        @WithDefault("10000")
        int analyzeAfterRows();
    }

    interface Retention {
        /** Idempotency-Keys of single writes are kept at least this long, then pruned. */
        @WithDefault("PT24H")
        Duration idempotencyKeys();

        /** The row errors of an import, from its end. */
        @WithDefault("P30D")
        Duration importErrors();
    }

    interface Aggregates {
        /** Partners' aggregates by area hide counts below this, so that victims cannot be re-identified. */
        @WithDefault("5")
        int minCellSize();
    }
}
