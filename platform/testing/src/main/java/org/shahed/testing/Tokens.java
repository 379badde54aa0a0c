package org.shahed.testing;

import java.time.Duration;
import java.util.Set;

/** Bearer tokens signed by the test session's key, one per role of DEVELOPERS.md. */
public final class Tokens {
    private Tokens() {
    }

    public static String forRole(String role) {
        return forRoles("test-" + role, Set.of(role));
    }

    public static String forRoles(String subject, Set<String> roles) {
        return RealInfraResource.infra().jwtKeys().token(subject, roles, Duration.ofMinutes(30));
    }

    /**
     * {@code Authorization} header value for a caller of {@code organisation} with {@code role}, as the gateway
     * writes the tokens API keys are exchanged for (the {@code organisation} claim).
     */
    public static String bearerOf(String organisation, String role) {
        var keys = RealInfraResource.infra().jwtKeys();
        var claims = keys.claims(role + "@" + organisation, Set.of(role), Duration.ofMinutes(30));
        claims.setClaim("organisation", organisation);
        return "Bearer " + keys.sign(claims);
    }

    /** {@code Authorization} header value for {@code role}. */
    public static String bearer(String role) {
        return "Bearer " + forRole(role);
    }
}
