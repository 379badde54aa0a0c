package org.shahed.media.custody;

import java.io.IOException;
import java.net.URI;
import java.util.HexFormat;

import org.bouncycastle.tsp.TSPException;
import org.shahed.media.MediaConfig;
import org.shahed.platform.timestamps.TimeStampClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * RFC 3161 trusted timestamps of originals: the time-stamping authority configured by {@code shahed.media.tsa.url}
 * signs an original's SHA-256 with the time (see {@link TimeStampClient}).
 */
@ApplicationScoped
public class TrustedTimestamps {
    @Inject
    MediaConfig config;

    public boolean configured() {
        return config.tsa().url().isPresent();
    }

    /** Asks the authority to stamp {@code sha256Hex}; the response is checked to answer exactly this request. */
    public TimeStampClient.Stamp stamp(String sha256Hex) throws IOException, TSPException, InterruptedException {
        return new TimeStampClient(URI.create(config.tsa().url().orElseThrow())).stamp(HexFormat.of().parseHex(sha256Hex));
    }
}
