package org.shahed.gateway.access;

/** A request the gateway will not pass on: its status, title and why. */
public final class AccessRefused extends RuntimeException {
    private final int status;
    private final String title;
    private final long retryAfterSeconds;

    public AccessRefused(int status, String title, String detail) {
        this(status, title, detail, 0);
    }

    /** A refusal the client may try again after {@code retryAfterSeconds} (429). */
    public AccessRefused(int status, String title, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
