package org.shahed.media;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** media-service's settings, with their defaults ({@code shahed.media.*}; the object store's in ObjectStoreConfig). */
@ConfigMapping(prefix = "shahed.media")
public interface MediaConfig {
    /** The largest file accepted, whole or in parts (4 GiB). */
    @WithDefault("4294967296")
    long maxUploadBytes();

    /** Originals, stored under their hash and never replaced. */
    @WithDefault("shahed-evidence")
    String evidenceBucket();

    /** Derivatives for sharing, and the parts of resumable uploads. */
    @WithDefault("shahed-working")
    String workingBucket();

    EvidenceLock evidenceLock();

    Derivatives derivatives();

    Uploads uploads();

    Fixity fixity();

    Tsa tsa();

    /** Originals are write-once: the evidence bucket has object lock, and each original a retention. */
    interface EvidenceLock {
        /**
         * Whether the evidence bucket must have object lock: the service makes the bucket with it, and does not start
         * on one without it. Off only for a local store that lacks object lock (the local run and tests).
         */
        @WithDefault("true")
        boolean required();

        /**
         * How long each original is locked against change and deletion (compliance mode: nobody, administrators
         * included, can shorten it).
         */
        @WithDefault("3650d")
        Duration retention();
    }

    interface Derivatives {
        /** Photos with more pixels get no shareable copies (decoding them could exhaust the heap). */
        @WithDefault("40000000")
        long maxPixels();
    }

    interface Uploads {
        /** Part size of a resumable upload when the client does not choose one (64 MiB). */
        @WithDefault("67108864")
        long partBytes();

        /** How long an unfinished resumable upload is kept. */
        @WithDefault("PT24H")
        Duration keepFor();

        /** How often unfinished uploads past keepFor are deleted (the schedule reads it). */
        @WithDefault("15m")
        Duration sweepEvery();
    }

    interface Fixity {
        /** How often the sweep runs, and how long after start-up first (the schedule reads them). */
        @WithDefault("6h")
        Duration every();

        @WithDefault("10m")
        Duration delay();

        /** How many assets (those checked longest ago) each sweep checks. */
        @WithDefault("20")
        int sampleSize();
    }

    interface Tsa {
        /** An RFC 3161 time-stamp authority; without one, originals are not time-stamped. */
        Optional<String> url();
    }
}
