package org.shahed.cli;

/** What scripts can rely on: the exit codes of every command, as the help lists them. */
public final class ExitCodes {
    /** Everything done and checked. */
    public static final int OK = 0;
    /** Done, but something failed a check: rows rejected, a packet that does not verify. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage, configuration or local file. */
    public static final int USAGE = 2;
    /** The API refused the request (4xx other than 429): its problem is printed. */
    public static final int REFUSED = 3;
    /** The suite could not be reached or kept failing (5xx, network) after the retries. */
    public static final int UNAVAILABLE = 4;

    private ExitCodes() {
    }
}
