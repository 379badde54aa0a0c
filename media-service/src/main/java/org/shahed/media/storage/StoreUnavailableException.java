package org.shahed.media.storage;

/** The object store failed or could not be reached; answered as 503, the request may be retried. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(Throwable cause) {
        super("object store: " + cause.getMessage(), cause);
    }
}
