package org.shahed.casualty.ingest;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "shahed.casualty.imports")
public interface ImportConfig {
    /** Where uploaded import files wait until their job has run. */
    Path directory();

    /** Rows per transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * Batches written at once, each in its own transaction and connection: a batch's history and events are
     * written while the batch before it writes its records (see BatchTurn). 1 writes them one after the other.
     */
    @WithDefault("2")
    int writers();
}
