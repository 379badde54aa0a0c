package org.shahed.platform.web;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import java.util.stream.Collectors;

/** Who is calling, as the services' rules need it: a name for the record, an organisation, and its audience. */
@RequestScoped
public class Caller {
    /** The token claim naming the caller's organisation (set by the gateway for API keys). */
    public static final String ORGANISATION_CLAIM = "organisation";

    private final SecurityIdentity identity;
    private Audience audience;

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

    /**
     * The organisation the caller acts for: the token's {@code organisation} claim (an API key's organisation), or,
     * for a person signed in without one, that person alone ({@code user:<name>}).
     */
    public String organisation() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(ORGANISATION_CLAIM);
            if (claim instanceof JsonString text) {
                return text.getString();
            }
            if (claim instanceof String text) {
                return text;
            }
        }
        return "user:" + name();
    }

    /** Whom this request's answer is for: every rule of who sees what takes it. */
    public Audience audience() {
        if (audience == null) {
            audience = new Audience(identity.getRoles().stream()
                    .filter(role -> role.equals(Roles.PARTNER) || role.equals(Roles.INGEST) || role.equals(Roles.ANALYST)
                            || role.equals(Roles.REVIEWER) || role.equals(Roles.ADMIN))
                    .collect(Collectors.toSet()), organisation());
        }
        return audience;
    }
}
