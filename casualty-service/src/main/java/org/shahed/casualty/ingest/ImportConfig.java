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
}
