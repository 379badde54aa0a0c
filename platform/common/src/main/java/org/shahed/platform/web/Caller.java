package org.shahed.platform.web;

import org.shahed.platform.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Who is calling, as the services' rules need it: a name for the record, and what the roles allow. */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    @Inject
    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Analysts, reviewers and admins see protected fields; partners and ingestion scripts do not. */
    public boolean seesProtectedFields() {
        return hasRole(Roles.ANALYST) || hasRole(Roles.REVIEWER) || hasRole(Roles.ADMIN);
    }

    /** A caller that may only read what has been published (partners). */
    public boolean seesPublishedOnly() {
        return !(hasRole(Roles.ANALYST) || hasRole(Roles.REVIEWER) || hasRole(Roles.ADMIN) || hasRole(Roles.INGEST));
    }
}
