package org.shahed.platform.security;

import java.util.Map;
import java.util.Set;

/**
 * Whom an answer is for: the caller's roles and, for API keys (and tokens that carry it), the organisation. Every
 * view, mapper, export, feed and packet takes one, and asks it the same three questions, so that who sees what
 * has one meaning everywhere:
 * <ul>
 * <li>{@link #isStaff()}: analysts, reviewers and admins see every record, published or not, with its protected
 * fields;</li>
 * <li>anyone else (partners, ingestion scripts) sees published data only, through each resource's allow-list of
 * fields;</li>
 * <li>{@link #owns(String)}: an ingestion script also reads what its own organisation wrote (its records, its
 * import jobs), still without protected fields.</li>
 * </ul>
 */
public record Audience(Set<String> roles, String organisation) {
    /** The full view, as history keeps it and staff read it. */
    public static final Audience STAFF = new Audience(Set.of(Roles.ANALYST), null);

    public Audience {
        roles = Set.copyOf(roles);
    }

    /** Analysts, reviewers and admins: everything, protected fields included. */
    public boolean isStaff() {
        return roles.contains(Roles.ANALYST) || roles.contains(Roles.REVIEWER) || roles.contains(Roles.ADMIN);
    }

    /** Partners and ingestion scripts: published data only (and, for scripts, their organisation's own records). */
    public boolean isRestricted() {
        return !isStaff();
    }

    /** Whether protected fields (witness identity, names without consent, contacts, notes, GPS...) are shown. */
    public boolean seesProtectedFields() {
        return isStaff();
    }

    /** Whether unpublished records are listed at all (beyond what an ingestion script's organisation wrote). */
    public boolean seesUnpublished() {
        return isStaff();
    }

    /**
     * The organisation whose own unpublished records this caller may read: an ingestion script's, never a
     * partner's (a partner reads published data only, whatever it wrote). Null when there is none.
     */
    public String ownRecordsOf() {
        return isStaff() || !roles.contains(Roles.INGEST) ? null : organisation;
    }

    /**
     * The SQL condition keeping the rows this audience reads, from a service's own rule of what partners read:
     * every row for staff, {@code partnersRead} for partners, and for an ingestion script also the rows whose
     * {@code organisationColumn} is its organisation (its parameter is added to {@code parameters}).
     */
    public String rows(String partnersRead, String organisationColumn, Map<String, Object> parameters) {
        if (seesUnpublished()) {
            return "1 = 1";
        }
        String own = ownRecordsOf();
        if (own == null) {
            return partnersRead;
        }
        parameters.put("ownOrganisation", own);
        return "(" + partnersRead + " or " + organisationColumn + " = :ownOrganisation)";
    }

    /** Whether a record written by {@code writerOrganisation} is this ingestion script's organisation's own. */
    public boolean owns(String writerOrganisation) {
        String own = ownRecordsOf();
        return own != null && own.equals(writerOrganisation);
    }
}
