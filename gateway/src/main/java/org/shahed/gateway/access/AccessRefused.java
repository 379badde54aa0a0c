package org.shahed.gateway.access;

/** A request the gateway will not pass on: its status, title and why. */
public final class AccessRefused extends RuntimeException {
    private final int status;
    private final String title;

    public AccessRefused(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
