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

    /** {@code Authorization} header value for {@code role}. */
    public static String bearer(String role) {
        return "Bearer " + forRole(role);
    }
}
