package org.shahed.media.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the object store is and how to sign in to it ({@code SHAHED_S3_*}; no defaults but the region). */
@ConfigMapping(prefix = "shahed.s3")
public interface ObjectStoreConfig {
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("us-east-1")
    String region();
}
