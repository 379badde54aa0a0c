package org.shahed.platform.security;

/** The roles of the JWT {@code groups} claim (DEVELOPERS.md); every endpoint allows some of them. */
public final class Roles {
    /** Reads published data and exports; never sees protected fields. */
    public static final String PARTNER = "partner";
    /** Automated scripts: creates and imports records. */
    public static final String INGEST = "ingest";
    /** Creates and edits drafts; sees protected fields. */
    public static final String ANALYST = "analyst";
    /** Verifies, publishes, retracts. */
    public static final String REVIEWER = "reviewer";
    /** API keys, thesauri, reconciliation. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
